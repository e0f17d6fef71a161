import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refuse } from "../../../modules/coupon/errors"
import type { CartCouponRow } from "../../../modules/coupon/checkout-queries"
import { toMajorUnits } from "../../../modules/coupon/lib/money"
import type { ClaimRedemptionInput } from "../../../modules/coupon/service"
import { currentCouponShares } from "../coupon-adjustments"
import { currentCouponShippingShares } from "../coupon-shipping-shares"
import { judgeCouponOnCart } from "../judge-coupon-on-cart"

/**
 * The use a completing cart claims (docs/rules.md §4), or null when it
 * claims none (no coupon applied, or the order exists already). The coupon
 * is judged again on the cart Medusa read for this completion, under its
 * cart lock, and refused with the first failed rule; the shares on the
 * cart must be the ones this judgement gives. Reads only.
 */
export async function judgeCouponClaim(
  container: MedusaContainer,
  completing: any,
  application: CartCouponRow | null
): Promise<ClaimRedemptionInput | null> {
  if (application?.status !== "applied" || completing.completed_at) return null
  const { cart, settings, coupon, serial, evaluation } = await judgeCouponOnCart(container, completing, application.code, {
    expected: application,
  })
  if (!evaluation.ok) {
    throw refuse(evaluation.rule, evaluation.message, evaluation.details)
  }
  // The shares on the cart (the items', and a shipping coupon's on the
  // shipping methods) must be the ones this judgement gives.
  const differ = (wanted: [string, number][], onCart: Map<string, number>) => {
    const positive = wanted.filter(([, amount]) => amount > 0)
    return positive.length !== onCart.size || positive.some(([id, amount]) => onCart.get(id) !== amount)
  }
  const stale =
    differ(evaluation.allocations.map((a) => [a.item_id, a.amount]), currentCouponShares(cart)) ||
    differ(evaluation.shipping_allocations.map((a) => [a.shipping_method_id, a.amount]), currentCouponShippingShares(cart))
  if (stale) {
    throw refuse(
      "coupon_out_of_date",
      `The discount of coupon ${application.code} on this cart is out of date (the coupon changed while the cart was open); apply the coupon again, then complete the order.`
    )
  }
  const currency = cart.currency_code
  return {
    coupon_id: coupon.id,
    coupon_code_id: serial?.id ?? null,
    code: application.code,
    cart_id: cart.id,
    customer_id: cart.customer_id,
    email: cart.email,
    currency_code: currency,
    discount_total: toMajorUnits(evaluation.discount_total, currency),
    allocations: evaluation.allocations.map((a) => ({
      item_id: a.item_id,
      amount: toMajorUnits(a.amount, currency),
    })),
    hold_minutes: settings.payment_hold_minutes,
  }
}

export const judgeCouponClaimStep = createStep(
  "judge-coupon-claim",
  async (input: { cart: any; application: CartCouponRow | null }, { container }) =>
    new StepResponse(await judgeCouponClaim(container, input.cart, input.application))
)
