import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_ADJUSTMENT_PROVIDER } from "../coupon-adjustments"
import { loadCouponCart, type CouponCart } from "../load-coupon-cart"

export type CartForApply = {
  cart: CouponCart
  /**
   * Nothing of Medusa's promotions is on the cart (no promotion, no
   * adjustment but the coupon's): the coupon can go on without Medusa's
   * promotion refresh, which would compute promotions only to set them aside.
   */
  direct: boolean
  has_payment_collection: boolean
}

/** What applying a code reads of the cart, under its lock: the lines the rules read, and whether promotions are on it. */
export const readCartForApplyStep = createStep("read-cart-for-apply", async (input: { cart_id: string }, { container }) => {
  const cart = await loadCouponCart(container, input.cart_id, ["promotions.id", "payment_collection.id"])
  const onlyCouponAdjustments = [...cart.items, ...(cart.shipping_methods ?? [])].every((line: any) =>
    (line.adjustments ?? []).every((adjustment: any) => adjustment?.provider_id === COUPON_ADJUSTMENT_PROVIDER)
  )
  const direct = !(cart as any).promotions?.length && onlyCouponAdjustments
  return new StepResponse<CartForApply>({ cart, direct, has_payment_collection: !!(cart as any).payment_collection?.id })
})
