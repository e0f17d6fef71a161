import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartCouponRow } from "../../../modules/coupon/checkout-queries"
import { putCouponOnCart, undoPutCouponOnCart } from "../apply-coupon"
import type { CouponCart } from "../load-coupon-cart"

/**
 * Judges the code on the cart and makes it the cart's coupon (apply-coupon.ts
 * putCouponOnCart): refused with the first failed rule, else the cart's
 * coupon row with the new split. Compensation: the row removed, or put back
 * as it was.
 */
export const putCouponOnCartStep = createStep(
  "put-coupon-on-cart",
  async (input: { cart: CouponCart; code: string }, { container }) => {
    const { undo, row } = await putCouponOnCart(container, input.cart, input.code)
    return new StepResponse<CartCouponRow, typeof undo>(row, undo)
  },
  async (undo, { container }) => {
    if (undo) await undoPutCouponOnCart(container, undo)
  }
)
