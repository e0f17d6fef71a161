import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { COUPON_MODULE } from "../../modules/coupon"
import { refuse } from "../../modules/coupon/errors"
import type CouponModuleService from "../../modules/coupon/service"
import { toMajorUnits } from "../../modules/coupon/lib/money"
import { appliedCouponOf, currentCouponShares, currentCouponShippingShares, judgeCouponOnCart } from "../carts/coupon-on-cart"

/**
 * At completion the coupon is judged again and its use is counted in
 * PostgreSQL before Medusa creates the order (docs/rules.md §4). Nothing here is
 * undone when a later step fails: the use stays held for this cart for the
 * payment-hold minutes, so only this cart can retry with it.
 */
completeCartWorkflow.hooks.validate(async ({ cart: completing }, { container }) => {
  // Most completions carry no coupon: they pay one indexed lookup, no more.
  const application = await appliedCouponOf(container, completing.id)
  if (application?.status !== "applied") return
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  // The hook also runs when the order already exists (a repeated completion):
  // nothing is judged or counted again, but a use still held for this cart
  // (its order.placed event was lost with its process) is spent by the order.
  if (completing.completed_at) {
    await couponService.redeemUsesWithOrders({ cart_id: completing.id })
    return
  }
  // Judged on the cart Medusa read for this completion, under its cart lock:
  // only the product facts the rules need are read besides.
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
  await couponService.claimRedemption({
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
  })
})
