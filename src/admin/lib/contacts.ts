import type { CampaignContact } from "./types"

/** Splits one CSV line on commas (or tabs, as pasted from a spreadsheet), honouring "quoted, cells". */
function cells(line: string): string[] {
  const sep = !line.includes(",") && line.includes("\t") ? "\t" : ","
  const out: string[] = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell === "") quoted = true
    else if (ch === sep) {
      out.push(cell.trim())
      cell = ""
    } else cell += ch
  }
  out.push(cell.trim())
  return out
}

/**
 * Contacts pasted or uploaded on the campaign page: one a line,
 * `channel,contact_id[,name[,customer_id]]`, an optional header line
 * starting with `channel`, blank lines ignored. Lines without a contact id
 * are reported by line number; the server judges the rest (channel
 * characters, lengths, duplicates) and answers with the field at fault.
 */
export function parseContactLines(text: string): { contacts: CampaignContact[]; errors: string[] } {
  const contacts: CampaignContact[] = []
  const errors: string[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    if (!raw.trim()) return
    const [channel = "", contact_id = "", name = "", customer_id = ""] = cells(raw)
    if (index === 0 && channel.toLowerCase() === "channel") return
    if (!channel || !contact_id) {
      errors.push(`Line ${index + 1}: give a channel and a contact id (e.g. line,U4af4980629,Aiko).`)
      return
    }
    contacts.push({
      channel: channel.toLowerCase(),
      contact_id,
      ...(name ? { name } : {}),
      ...(customer_id ? { customer_id } : {}),
    })
  })
  return { contacts, errors }
}
