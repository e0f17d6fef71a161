import { model } from "@medusajs/framework/utils"
import { Coupon } from "./coupon"

/**
 * One use of a coupon by one cart (docs/rules.md §4). `held` while the completion
 * that counted it has not produced an order (payment failed); `redeemed` once
 * the order exists; `released` when a hold expired or the use was given
 * back (settings.restore_usage_on_cancel); `canceled` / `refunded` when the
 * order was canceled / fully refunded and the use is kept.
 */
export const CouponRedemption = model
  .define("coupon_redemption", {
    id: model.id({ prefix: "credm" }).primaryKey(),
    status: model
      .enum(["held", "redeemed", "released", "canceled", "refunded"])
      .default("held"),
    code: model.text(),
    coupon_code_id: model.text().nullable(),
    cart_id: model.text(),
    order_id: model.text().nullable(),
    customer_id: model.text().nullable(),
    email: model.text().nullable(),
    currency_code: model.text(),
    discount_total: model.bigNumber(),
    // [{ item_id, amount }] in major units, the shares written as adjustments.
    allocations: model.json(),
    hold_expires_at: model.dateTime().nullable(),
    coupon: model.belongsTo(() => Coupon, { mappedBy: "redemptions" }),
  })
  .indexes([
    {
      // A cart holds or spends at most one live use, whatever the retries.
      name: "IDX_coupon_redemption_live_cart_unique",
      on: ["cart_id"],
      unique: true,
      where: "deleted_at IS NULL AND status IN ('held', 'redeemed')",
    },
    { name: "IDX_coupon_redemption_customer", on: ["customer_id"], where: "deleted_at IS NULL" },
    { name: "IDX_coupon_redemption_email", on: ["email"], where: "deleted_at IS NULL" },
    { name: "IDX_coupon_redemption_order", on: ["order_id"], where: "deleted_at IS NULL" },
    // Held uses of a coupon by expiry: few at any time, read by every judgement.
    {
      name: "IDX_coupon_redemption_coupon_held",
      on: ["coupon_id", "hold_expires_at"],
      where: "deleted_at IS NULL AND status = 'held'",
    },
    {
      name: "IDX_coupon_redemption_coupon_code",
      on: ["coupon_code_id"],
      where: "deleted_at IS NULL AND coupon_code_id IS NOT NULL",
    },
  ])
