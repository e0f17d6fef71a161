import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type { CartCouponRow } from "../../../modules/coupon/checkout-queries"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * The cart's coupon row (applied, or removed by a cart change), or null: one
 * indexed read, nothing written. `known`: the row as the caller just wrote
 * it, answered without reading.
 */
export const readCartCouponStep = createStep(
  "read-cart-coupon",
  async (input: { cart_id: string; known?: CartCouponRow }, { container }) => {
    if (input.known) return new StepResponse<CartCouponRow | null>(input.known)
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    return new StepResponse<CartCouponRow | null>(await couponService.readCartCoupon(input.cart_id))
  }
)
