import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type { CartCouponRow } from "../../../modules/coupon/checkout-queries"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * The cart's coupon row (applied, or removed by a cart change), or null: one
 * indexed read, nothing written. `known`: the row as the caller just wrote
 * or read it, answered without reading; `claim`: a completing cart's, read with
 * what its claim needs (checkout-queries.ts ClaimCartCouponRow).
 */
export const readCartCouponStep = createStep(
  "read-cart-coupon",
  async (input: { cart_id: string; known?: CartCouponRow; claim?: { customer_id: string | null } }, { container }) => {
    if (input.known) return new StepResponse<CartCouponRow | null>(input.known)
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const row = input.claim
      ? await couponService.readCartCouponForClaim(input.cart_id, input.claim.customer_id)
      : await couponService.readCartCoupon(input.cart_id)
    return new StepResponse<CartCouponRow | null>(row)
  }
)
