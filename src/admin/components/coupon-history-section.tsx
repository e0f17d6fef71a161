import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { formatDate } from "../lib/format"
import { useState } from "react"
import { useCouponAudit } from "../lib/queries"
import type { AuditEntry } from "../lib/types"
import { ErrorState, SectionSkeleton } from "./states"

const PAGE = 10

const ACTION_LABEL: Record<string, string> = {
  created: "Created",
  updated: "Changed",
  deleted: "Deleted",
  codes_requested: "Codes generated",
  codes_imported: "Codes imported",
  fixed_serial_created: "Fixed serial added",
  assigned: "Given to customers",
  interrupted_order_set_aside: "Interrupted order set aside",
}

/** A value as the history shows it: empty for none, lists joined, dates as dates. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—"
  if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : "—"
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDate(value, true)
  if (typeof value === "boolean") return value ? "Yes" : "No"
  return String(value)
}

const who = (entry: AuditEntry) =>
  entry.actor
    ? [entry.actor.first_name, entry.actor.last_name].filter(Boolean).join(" ") || entry.actor.email
    : entry.actor_id ?? "System"

/**
 * The coupon's History (docs/rules.md §7.4): who changed what and when, newest
 * first — the coupon's own changes and its campaigns', each changed field
 * as before → after.
 */
export const CouponHistorySection = ({ couponId }: { couponId: string }) => {
  const [offset, setOffset] = useState(0)
  const { data, isLoading, error, refetch } = useCouponAudit(couponId, { limit: PAGE, offset })
  if (isLoading) return <SectionSkeleton rows={4} />
  if (error) return <ErrorState title="Could not load the history" error={error} onRetry={() => refetch()} />
  const entries = data?.entries ?? []
  const count = data?.count ?? 0
  return (
    <Container className="divide-y p-0" data-testid="coupon-history">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">History</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {count} {count === 1 ? "change" : "changes"}
        </Text>
      </div>
      {entries.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No changes recorded yet.
        </Text>
      )}
      {entries.map((entry) => (
        <div key={entry.id} className="flex flex-col gap-y-2 px-6 py-3" data-testid="coupon-history-entry">
          <div className="flex flex-wrap items-center gap-x-2">
            <Badge size="2xsmall" color={entry.action === "deleted" ? "red" : entry.action === "created" ? "green" : "blue"}>
              {entry.resource_type === "campaign" ? "Campaign " : ""}
              {ACTION_LABEL[entry.action] ?? entry.action}
            </Badge>
            <Text size="small" weight="plus">
              {who(entry)}
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {formatDate(entry.created_at, true)}
            </Text>
          </div>
          {Object.keys(entry.changes).length > 0 && (
            <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1">
              {Object.entries(entry.changes).map(([field, change]) => (
                <div key={field} className="contents">
                  <dt className="txt-compact-small text-ui-fg-subtle font-mono">{field}</dt>
                  <dd className="txt-compact-small">
                    <span className="text-ui-fg-muted line-through">{show(change.before)}</span>
                    {" → "}
                    <span>{show(change.after)}</span>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      ))}
      {count > PAGE && (
        <div className="flex items-center justify-end gap-x-2 px-6 py-3">
          <Button size="small" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Newer
          </Button>
          <Button size="small" variant="secondary" disabled={offset + PAGE >= count} onClick={() => setOffset(offset + PAGE)}>
            Older
          </Button>
        </div>
      )}
    </Container>
  )
}
