import { model } from "@medusajs/framework/utils"
import { Coupon } from "./coupon"

/**
 * A coupon in a customer's wallet (docs/rules.md §5). `status` is stored only for
 * what time cannot tell (used, voided); unused / expiring_soon / expired are
 * derived from `expires_at` when read.
 */
export const CouponWalletEntry = model
  .define("coupon_wallet_entry", {
    id: model.id({ prefix: "cwal" }).primaryKey(),
    customer_id: model.text(),
    code: model.text(),
    coupon_code_id: model.text().nullable(),
    source: model.enum(["admin", "campaign", "claim"]),
    state: model.enum(["available", "used", "voided"]).default("available"),
    received_at: model.dateTime(),
    expires_at: model.dateTime().nullable(),
    used_at: model.dateTime().nullable(),
    order_id: model.text().nullable(),
    campaign_id: model.text().nullable(),
    coupon: model.belongsTo(() => Coupon, { mappedBy: "wallet_entries" }),
  })
  .indexes([
    {
      name: "IDX_coupon_wallet_customer_state",
      on: ["customer_id", "state", "expires_at"],
      where: "deleted_at IS NULL",
    },
    {
      // The wallet page, newest first, read in order (Migration20261123031500).
      name: "IDX_coupon_wallet_customer_received",
      on: ["customer_id", "received_at", "id"],
      where: "deleted_at IS NULL",
    },
    {
      // One customer's entries of a few coupons, for the counts (Migration20261123033000).
      name: "IDX_coupon_wallet_customer_coupon",
      on: ["customer_id", "coupon_id", "state", "expires_at"],
      where: "deleted_at IS NULL",
    },
  ])
