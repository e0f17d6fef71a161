import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refuse } from "../../../modules/coupon/errors"
import type { CartCouponRow, ClaimCartCouponRow } from "../../../modules/coupon/checkout-queries"
import { toMajorUnits } from "../../../modules/coupon/lib/money"
import type { ClaimRedemptionInput } from "../../../modules/coupon/service"
import { currentCouponShares, type StoredCouponShare } from "../coupon-adjustments"
import { currentCouponShippingShares } from "../coupon-shipping-shares"
import { judgeCouponOnCart } from "../judge-coupon-on-cart"
import { asCouponCart } from "../load-coupon-cart"
import { cartCouponFingerprint } from "../cart-coupon-fingerprint"

/**
 * The use a completing cart claims (docs/rules.md §4), or null when it
 * claims none (no coupon applied, or the order exists already). The coupon
 * is judged again on the cart Medusa read for this completion, under its
 * cart lock, and refused with the first failed rule; the shares on the
 * cart must be the ones this judgement gives — unless nothing the verdict
 * depends on changed since the split was stored (claimWithoutJudging).
 * Reads only.
 */
export async function judgeCouponClaim(
  container: MedusaContainer,
  completing: any,
  application: CartCouponRow | null
): Promise<ClaimRedemptionInput | null> {
  if (application?.status !== "applied" || completing.completed_at) return null
  const unjudged = claimWithoutJudging(completing, application)
  if (unjudged) return unjudged
  const { cart, settings, coupon, serial, evaluation } = await judgeCouponOnCart(container, completing, application.code, {
    expected: application,
  })
  if (!evaluation.ok) {
    throw refuse(evaluation.rule, evaluation.message, evaluation.details)
  }
  // The shares on the cart (the items', and a shipping coupon's on the
  // shipping methods) must be the ones this judgement gives.
  const stale =
    sharesDiffer(evaluation.allocations.map((a) => [a.item_id, a.amount]), currentCouponShares(cart)) ||
    sharesDiffer(evaluation.shipping_allocations.map((a) => [a.shipping_method_id, a.amount]), currentCouponShippingShares(cart))
  if (stale) {
    throw refuse(
      "coupon_out_of_date",
      `The discount of coupon ${application.code} on this cart is out of date (the coupon changed while the cart was open); apply the coupon again, then complete the order.`
    )
  }
  return claimOf(cart, application, coupon.id, serial?.id ?? null, evaluation.discount_total, evaluation.allocations, settings.payment_hold_minutes)
}

/** Shares wanted (line id, minor units) differ from the shares on the cart's lines. */
function sharesDiffer(wanted: [string, number][], onCart: Map<string, number>) {
  const positive = wanted.filter(([, amount]) => amount > 0)
  return positive.length !== onCart.size || positive.some(([id, amount]) => onCart.get(id) !== amount)
}

function claimOf(
  cart: any,
  application: CartCouponRow,
  couponId: string,
  couponCodeId: string | null,
  discountTotal: number,
  allocations: { item_id: string; amount: number }[],
  holdMinutes: number
): ClaimRedemptionInput {
  const currency = cart.currency_code
  return {
    coupon_id: couponId,
    coupon_code_id: couponCodeId,
    code: application.code,
    cart_id: cart.id,
    customer_id: cart.customer_id,
    email: cart.email,
    currency_code: currency,
    discount_total: toMajorUnits(discountTotal, currency),
    allocations: allocations.map((a) => ({ item_id: a.item_id, amount: toMajorUnits(a.amount, currency) })),
    hold_minutes: holdMinutes,
  }
}

/**
 * The use a completing cart claims with the split stored when the coupon was
 * last judged on it, or null when the coupon must be judged again: nothing
 * the verdict depends on changed since that judgement. The row read for the
 * claim says so for what lies outside the cart (`stands_unjudged`: coupon
 * and settings not edited since, a shared code, no rule reading other
 * tables, the lines' products not edited, the customer not blocked); the
 * cart's fingerprint and the coupon's shares on it must be the stored ones.
 * The limits and the window are checked by the claim itself under the
 * coupon's row lock (service.claimRedemption). No statement of its own.
 */
function claimWithoutJudging(completing: any, application: CartCouponRow): ClaimRedemptionInput | null {
  const row = application as Partial<ClaimCartCouponRow>
  if (!row.stands_unjudged || !application.allocations || row.payment_hold_minutes == null) return null
  const cart = asCouponCart(completing)
  if (cartCouponFingerprint(cart, { shipping: row.coupon_target === "shipping" }) !== application.cart_fingerprint) return null
  const stored = application.allocations as StoredCouponShare[]
  const items = stored.filter((s): s is { item_id: string; amount: number } => "item_id" in s)
  const shipping = stored.filter((s): s is { shipping_method_id: string; amount: number } => "shipping_method_id" in s)
  if (
    sharesDiffer(items.map((a) => [a.item_id, a.amount]), currentCouponShares(cart)) ||
    sharesDiffer(shipping.map((a) => [a.shipping_method_id, a.amount]), currentCouponShippingShares(cart))
  ) {
    return null
  }
  const discount = stored.reduce((sum, share) => sum + share.amount, 0)
  return claimOf(cart, application, application.coupon_id, null, discount, items, row.payment_hold_minutes)
}

export const judgeCouponClaimStep = createStep(
  "judge-coupon-claim",
  async (input: { cart: any; application: CartCouponRow | null }, { container }) =>
    new StepResponse(await judgeCouponClaim(container, input.cart, input.application))
)
