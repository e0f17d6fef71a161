import { model } from "@medusajs/framework/utils"

/**
 * One admin change to a coupon, campaign, the settings or the blocklist
 * (docs/rules.md §7.4): who (`actor_id`, the admin user), what (`action` and
 * `changes`, field → { before, after }) and when (`created_at`). Written by
 * the workflow that makes the change, undone with it. `coupon_id` is the
 * coupon the change concerns, when one does (a coupon, or a campaign of it),
 * for the coupon page's History.
 */
export const CouponAuditEntry = model
  .define("coupon_audit_entry", {
    id: model.id({ prefix: "caud" }).primaryKey(),
    resource_type: model.enum(["coupon", "campaign", "settings", "blocklist"]),
    resource_id: model.text(),
    coupon_id: model.text().nullable(),
    action: model.text(),
    actor_id: model.text().nullable(),
    changes: model.json().default({}),
  })
  .indexes([
    { name: "IDX_coupon_audit_entry_coupon_created", on: ["coupon_id", "created_at"], where: "deleted_at IS NULL" },
    { name: "IDX_coupon_audit_entry_resource", on: ["resource_type", "resource_id"], where: "deleted_at IS NULL" },
  ])
