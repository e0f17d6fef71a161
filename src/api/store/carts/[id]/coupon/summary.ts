import type { MedusaContainer } from "@medusajs/framework/types"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type CouponModuleService from "../../../../../modules/coupon/service"
import { toMajorUnits } from "../../../../../modules/coupon/lib/money"
import { appliedCouponOf, currentCouponShares, loadCouponCart } from "../../../../../workflows/carts/coupon-on-cart"

/**
 * The coupon on a cart as the store API shows it, read from the cart's own
 * adjustments so it always matches the totals Medusa reports.
 */
export async function cartCouponSummary(
  container: MedusaContainer,
  cartId: string
): Promise<{ coupon: any; notice?: string }> {
  const cart = await loadCouponCart(container, cartId)
  const application = await appliedCouponOf(container, cartId)
  let coupon: any = null
  if (application?.status === "applied") {
    const { title, description } = await container
      .resolve<CouponModuleService>(COUPON_MODULE)
      .retrieveCoupon(application.coupon_id, { select: ["title", "description"] })
    const shares = currentCouponShares(cart)
    const total = [...shares.values()].reduce((a, b) => a + b, 0)
    coupon = {
      code: application.code,
      title,
      description,
      discount_total: toMajorUnits(total, cart.currency_code),
      allocations: cart.items
        .filter((item) => shares.has(item.id))
        .map((item) => ({ item_id: item.id, amount: toMajorUnits(shares.get(item.id)!, cart.currency_code) })),
    }
  }
  // A cart change made the coupon invalid: say why it is gone.
  return application?.status === "removed" ? { coupon, notice: application.removed_reason! } : { coupon }
}
