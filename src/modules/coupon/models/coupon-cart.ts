import { model } from "@medusajs/framework/utils"
import { Coupon } from "./coupon"

/**
 * The coupon a cart carries (one per cart). Its discount lives on the cart as
 * line-item adjustments; this row says which coupon they come from, which
 * manual promotion codes stood aside for it, and — once a cart change made it
 * invalid — why it was removed.
 */
export const CouponCart = model
  .define("coupon_cart", {
    id: model.id({ prefix: "ccart" }).primaryKey(),
    cart_id: model.text(),
    code: model.text(),
    coupon_code_id: model.text().nullable(),
    status: model.enum(["applied", "removed"]).default("applied"),
    removed_reason: model.text().nullable(),
    suspended_promo_codes: model.array().default([]),
    // What the coupon was last judged on (see cartCouponFingerprint) and the
    // shares it gave, so a refresh of an unchanged cart writes them again
    // without judging again.
    cart_fingerprint: model.text().nullable(),
    allocations: model.json().nullable(),
    coupon: model.belongsTo(() => Coupon, { mappedBy: "carts" }),
  })
  .indexes([
    {
      name: "IDX_coupon_cart_cart_unique",
      on: ["cart_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
