import { parse } from "csv-parse"
import type { Readable } from "node:stream"
import { codeFormatError, normalizeCode } from "./code-generation"

/**
 * Serial-code import from a CSV file (rules §5): one column, a header row
 * first, under 10 MB, each code up to 16 characters, all or nothing.
 */

/** Rules §5 say "under 10 MB": decimal megabytes, so 10,000,000 bytes is the most accepted. */
export const MAX_IMPORT_BYTES = 10_000_000

/** How many row numbers of each kind of problem a refusal lists. */
export const MAX_REPORTED_ROWS = 100

/** A refusal of the whole file, with a message for the person who made it. */
export class CodeImportRefused extends Error {}

export function importTooLargeMessage(): string {
  return `The CSV file is larger than 10 MB (${formatCount(MAX_IMPORT_BYTES)} bytes); nothing was imported. Split it into smaller files.`
}

/**
 * One data row: `row` is its line number in the file as a spreadsheet shows
 * it (the header is row 1), `code` is normalized (trimmed, upper case), and
 * `error` says what is wrong with it, or is null.
 */
export type CodeRow = { row: number; code: string; error: string | null }

/**
 * Streams the rows of a one-column CSV file below its header, in file order.
 * Memory stays flat whatever the file size: one record at a time. Empty lines
 * are skipped; a row with more than one column is an error of that row; a
 * file that is not valid CSV (an unclosed quote…) is refused as a whole.
 */
export async function* readCodeRows(source: Readable): AsyncGenerator<CodeRow> {
  const parser = parse({
    bom: true,
    info: true,
    // Files edited on several systems mix line endings; row numbers must stay right.
    record_delimiter: ["\r\n", "\n", "\r"],
    // A stray quote inside a code is that row's error, not an unreadable file.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  })
  source.on("error", (error) => parser.destroy(error))
  source.pipe(parser)
  let header = true
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header) {
        header = false
        if (record.length > 1) {
          throw new CodeImportRefused(
            `The file must have one column of codes; its header row has ${record.length} columns. Nothing was imported.`
          )
        }
        continue
      }
      const code = normalizeCode(record[0])
      const error =
        record.length > 1
          ? `it has ${record.length} columns; the file must have one column of codes.`
          : codeFormatError(code)
      yield { row: info.lines, code, error }
    }
  } catch (error: any) {
    if (error instanceof CodeImportRefused) throw error
    if (error?.code?.startsWith?.("CSV_")) {
      throw new CodeImportRefused(
        `The file is not a valid CSV file${error.lines ? ` (row ${error.lines})` : ""}: ${error.message}. Nothing was imported.`
      )
    }
    throw error
  } finally {
    source.unpipe(parser)
  }
}

export type ImportProblems = {
  /** Rows whose code is malformed, first ones first. */
  invalid: { rows: { row: number; reason: string }[]; total: number }
  /** Rows repeating a code of an earlier row of the same file. */
  repeated: { rows: { row: number; code: string; first_row: number }[]; total: number }
  /** Rows whose code already exists (a serial code or a coupon's shared code). */
  taken: { rows: { row: number; code: string }[]; total: number }
}

/** Null when the file can be imported, else one message naming every kind of problem and its rows. */
export function importProblemsMessage(problems: ImportProblems): string | null {
  const parts: string[] = []
  const { invalid, repeated, taken } = problems
  if (invalid.total) {
    const [first] = invalid.rows
    parts.push(
      `${plural(invalid.total, "row has", "rows have")} an invalid code: ${rowList(invalid.rows, invalid.total)} ` +
        `(row ${first.row}: ${first.reason})`
    )
  }
  if (repeated.total) {
    const [first] = repeated.rows
    parts.push(
      `${plural(repeated.total, "row repeats", "rows repeat")} a code of an earlier row: ${rowList(repeated.rows, repeated.total)} ` +
        `(row ${first.row}: ${first.code} is also in row ${first.first_row})`
    )
  }
  if (taken.total) {
    const [first] = taken.rows
    parts.push(
      `${plural(taken.total, "row has a code that already exists", "rows have codes that already exist")}: ` +
        `${rowList(taken.rows, taken.total)} (row ${first.row}: ${first.code})`
    )
  }
  return parts.length ? `The file was not imported, nothing was saved. ${parts.join("; ")}.` : null
}

function rowList(rows: { row: number }[], total: number): string {
  const listed = rows.slice(0, MAX_REPORTED_ROWS).map((r) => r.row)
  const more = total > listed.length ? ` and ${formatCount(total - listed.length)} more` : ""
  return `${listed.length === 1 ? "row" : "rows"} ${listed.join(", ")}${more}`
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `1 ${one}` : `${formatCount(count)} ${many}`
}

function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",")
}
