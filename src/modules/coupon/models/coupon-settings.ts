import { model } from "@medusajs/framework/utils"
import { DEFAULT_EXPIRING_SOON_DAYS } from "../lib/wallet"

/**
 * Store-wide coupon settings (docs/rules.md §1). One row; the service creates it
 * with the defaults on first read.
 */
export const CouponSettings = model.define("coupon_settings", {
  id: model.id({ prefix: "csett" }).primaryKey(),
  enabled: model.boolean().default(true),
  plan: model.enum(["basic", "advanced"]).default("advanced"),
  expiring_soon_days: model.number().default(DEFAULT_EXPIRING_SOON_DAYS),
  payment_hold_minutes: model.number().default(30),
  excluded_product_kinds: model.array().default([]),
  allowed_order_types: model.array().default([]),
  restore_usage_on_cancel: model.boolean().default(false),
})
