/*
 * What an audit entry says changed (docs/rules.md §7.4): field → { before, after },
 * only the fields whose value differs. Values are compared as JSON (dates as
 * ISO strings, big numbers as numbers), so a form that sends an unchanged
 * value records nothing for it.
 */

export type FieldChange = { before: unknown; after: unknown }
export type AuditChanges = Record<string, FieldChange>

/** One audit entry as a change describes it (models/coupon-audit-entry.ts). */
export type AuditEntryInput = {
  resource_type: "coupon" | "campaign" | "settings" | "blocklist"
  resource_id: string
  coupon_id?: string | null
  action: string
  actor_id?: string | null
  changes: AuditChanges
}

/** The entries worth keeping: an update that changed nothing records nothing. */
export function entriesWorthRecording(entries: AuditEntryInput[]): AuditEntryInput[] {
  return entries.filter((e) => e.action !== "updated" || Object.keys(e.changes).length > 0)
}

/** A coupon's fields an admin sets (models/coupon.ts), recorded on create, update and delete. */
export const COUPON_AUDIT_FIELDS = [
  "code", "title", "description", "type", "amount", "percentage", "max_discount", "currency_code",
  "min_spend", "starts_at", "ends_at", "is_active", "first_order_only", "exclude_sale_items",
  "product_ids", "category_ids", "usage_limit", "usage_limit_per_customer", "renewal_applicable",
  "allocation", "validity_days", "target", "max_shipping_amount", "country_codes", "customer_group_ids",
  "min_quantity", "amounts", "sales_channel_ids", "region_ids",
]

/** A campaign's fields an admin sets (models/coupon-campaign.ts). */
export const CAMPAIGN_AUDIT_FIELDS = [
  "name", "instructions", "coupon_id", "send_starts_at", "send_ends_at", "expiry_mode", "expiry_days",
  "per_contact_limit", "image_url", "background_color", "button_color", "button_text_color", "barcode_format",
]

/** The settings an admin sets. */
export const SETTINGS_AUDIT_FIELDS = [
  "enabled", "plan", "expiring_soon_days", "payment_hold_minutes", "excluded_product_kinds",
  "allowed_order_types", "restore_usage_on_cancel",
]

/** Bookkeeping that is not an admin's change. */
const NOT_AUDITED = new Set(["id", "created_at", "updated_at", "deleted_at", "usage_count", "metadata"])

/** A value as it is stored in the audit entry (JSON): dates as ISO, big numbers as numbers. */
export function auditValue(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(auditValue)
  if (typeof value === "object") {
    // Medusa's BigNumber (and its raw form) carry `numeric` / `value`.
    const v = value as Record<string, unknown>
    if (typeof v.numeric === "number") return v.numeric
    if ("value" in v && "precision" in v) return Number(v.value)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, auditValue(x)]))
  }
  return value
}

/**
 * The fields (of `fields`, or of both objects) whose value differs between
 * `before` and `after`; `before` null for a creation, `after` null for a
 * deletion. `raw_*` companions and bookkeeping columns are left out.
 */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  fields?: string[]
): AuditChanges {
  const keys = fields ?? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  const changes: AuditChanges = {}
  for (const key of keys) {
    if (NOT_AUDITED.has(key) || key.startsWith("raw_")) continue
    const was = auditValue(before?.[key])
    const is = auditValue(after?.[key])
    if (typeof was === "object" || typeof is === "object" ? JSON.stringify(was) !== JSON.stringify(is) : was !== is) {
      changes[key] = { before: was, after: is }
    }
  }
  return changes
}
