import { ArrowDownTray } from "@medusajs/icons"
import { Button, Select } from "@medusajs/ui"
import { useState } from "react"
import { couponCodesExportUrl } from "../lib/queries"

const EXPORT_STATES = [
  { value: "all", label: "All states" },
  { value: "available", label: "Available" },
  { value: "assigned", label: "Assigned" },
  { value: "held_by_contact", label: "Held by a contact" },
  { value: "used", label: "Used" },
]

/**
 * Downloads the codes the table shows (its search) as CSV, optionally of one
 * state. A plain link: the browser streams the file to disk, however many
 * codes there are, with the dashboard's session cookie.
 */
export const DownloadCodes = ({ couponId, q }: { couponId: string; q: string }) => {
  const [state, setState] = useState("all")
  const href = couponCodesExportUrl(couponId, { q: q || undefined, state: state === "all" ? undefined : state })
  return (
    <div className="flex items-center gap-x-2">
      <Select size="small" value={state} onValueChange={setState}>
        <Select.Trigger aria-label="State of the codes to download" data-testid="codes-export-state">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {EXPORT_STATES.map((option) => (
            <Select.Item key={option.value} value={option.value}>
              {option.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
      <Button size="small" variant="secondary" asChild>
        <a href={href} download data-testid="codes-export">
          <ArrowDownTray />
          Download CSV
        </a>
      </Button>
    </div>
  )
}
