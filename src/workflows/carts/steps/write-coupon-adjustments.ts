import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  COUPON_ADJUSTMENT_PROVIDER,
  currentCouponShares,
  type StoredCouponShare,
  writeCouponAdjustments,
} from "../coupon-adjustments"
import { currentCouponShippingShares } from "../coupon-shipping-shares"
import { loadCouponCart, type CouponCart } from "../load-coupon-cart"

/** The coupon's shares and code on the cart now: what undoing a write puts back. */
function couponAdjustmentsOn(cart: CouponCart): { code: string | null; shares: StoredCouponShare[] } {
  const ours = [...cart.items, ...(cart.shipping_methods ?? [])]
    .flatMap((line: any) => line.adjustments ?? [])
    .find((adj: any) => adj?.provider_id === COUPON_ADJUSTMENT_PROVIDER)
  return {
    code: ours?.code ?? null,
    shares: [
      ...[...currentCouponShares(cart)].map(([item_id, amount]) => ({ item_id, amount })),
      ...[...currentCouponShippingShares(cart)].map(([shipping_method_id, amount]) => ({ shipping_method_id, amount })),
    ],
  }
}

/**
 * Makes the cart's coupon adjustments (line items, and a shipping coupon's
 * shipping methods) equal the given shares; null writes nothing.
 * Compensation: the shares and code that were on the cart before.
 */
export const writeCouponAdjustmentsStep = createStep(
  "write-coupon-adjustments",
  async (input: { cart: CouponCart; code: string | null; shares: StoredCouponShare[] } | null, { container }) => {
    if (!input) return new StepResponse(undefined, null)
    const before = couponAdjustmentsOn(input.cart)
    await writeCouponAdjustments(container, input.cart, input.code, input.shares)
    return new StepResponse(undefined, { cart_id: input.cart.id, ...before })
  },
  async (before, { container }) => {
    if (!before) return
    const cart = await loadCouponCart(container, before.cart_id)
    await writeCouponAdjustments(container, cart, before.shares.length ? before.code : null, before.shares)
  }
)
