import type { MedusaContainer } from "@medusajs/framework/types"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type { CartCouponRow } from "../../../../../modules/coupon/checkout-queries"
import type CouponModuleService from "../../../../../modules/coupon/service"
import { toMajorUnits } from "../../../../../modules/coupon/lib/money"
import { currentCouponShares } from "../../../../../workflows/carts/coupon-adjustments"
import { currentCouponShippingShares } from "../../../../../workflows/carts/coupon-shipping-shares"
import { appliedCouponOf, loadCouponCart } from "../../../../../workflows/carts/load-coupon-cart"

/** Cart fields the store routes return: Medusa's, plus what marks coupon adjustments. */
export const couponCartFields = (defaults: string[]) => [
  ...defaults,
  "items.adjustments.provider_id",
  "items.adjustments.description",
  "shipping_methods.adjustments.provider_id",
]

/**
 * The coupon on a cart as the store API shows it, read from the cart's own
 * adjustments so it always matches the totals Medusa reports.
 */
export function presentCartCoupon(
  cart: { currency_code: string; items?: any[]; shipping_methods?: any[] },
  coupon: { code: string; title: string; description: string | null }
) {
  const shares = currentCouponShares(cart as any)
  // A shipping coupon's shares are on the shipping methods (docs/rules.md §7.2).
  const shippingShares = currentCouponShippingShares(cart as any)
  const total = [...shares.values(), ...shippingShares.values()].reduce((a, b) => a + b, 0)
  return {
    code: coupon.code,
    title: coupon.title,
    description: coupon.description,
    discount_total: toMajorUnits(total, cart.currency_code),
    allocations: (cart.items ?? [])
      .filter((item) => shares.has(item.id))
      .map((item) => ({ item_id: item.id, amount: toMajorUnits(shares.get(item.id)!, cart.currency_code) })),
    ...(shippingShares.size
      ? {
          shipping_allocations: [...shippingShares].map(([shipping_method_id, amount]) => ({
            shipping_method_id,
            amount: toMajorUnits(amount, cart.currency_code),
          })),
        }
      : {}),
  }
}

/** The code, title and description of the coupon applied to a cart, or null. */
export async function appliedCouponDetails(
  container: MedusaContainer,
  cartId: string,
  application?: CartCouponRow | null
): Promise<{ code: string; title: string; description: string | null } | null> {
  application = application === undefined ? await appliedCouponOf(container, cartId) : application
  if (application?.status !== "applied") return null
  const { title, description } = await container
    .resolve<CouponModuleService>(COUPON_MODULE)
    .retrieveCoupon(application.coupon_id, { select: ["title", "description"] })
  return { code: application.code, title, description: description ?? null }
}

/** `{ coupon }`, or `{ coupon: null, notice }` when a cart change removed it. */
export async function cartCouponSummary(
  container: MedusaContainer,
  cartId: string
): Promise<{ coupon: any; notice?: string }> {
  const [cart, application] = await Promise.all([loadCouponCart(container, cartId), appliedCouponOf(container, cartId)])
  const applied = await appliedCouponDetails(container, cartId, application)
  if (applied) {
    return { coupon: presentCartCoupon(cart, applied) }
  }
  return application?.status === "removed" ? { coupon: null, notice: application.removed_reason! } : { coupon: null }
}
