import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type { CartCouponRow } from "../../../modules/coupon/checkout-queries"
import type CouponModuleService from "../../../modules/coupon/service"

/** The cart's coupon row (applied, or removed by a cart change), or null: one indexed read, nothing written. */
export const readCartCouponStep = createStep("read-cart-coupon", async (input: { cart_id: string }, { container }) => {
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  return new StepResponse<CartCouponRow | null>(await couponService.readCartCoupon(input.cart_id))
})
