import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { toMajorUnits } from "../../modules/coupon/lib/money"
// Read when called, never while the modules load, so the import cycle is harmless.
import { COUPON_ADJUSTMENT_PROVIDER, couponAdjustmentDescription, couponSharesOn } from "./coupon-adjustments"
import type { CouponCart } from "./load-coupon-cart"

/*
 * A shipping coupon's shares on the cart (docs/rules.md §7.2): Medusa
 * shipping-method adjustments, marked and named like the coupon's line-item
 * adjustments (coupon-adjustments.ts writeCouponAdjustments, which calls this).
 */

/** The coupon's shares now on the cart's shipping methods, per method, in minor units. */
export function currentCouponShippingShares(cart: CouponCart): Map<string, number> {
  return couponSharesOn(cart.shipping_methods ?? [], cart.currency_code)
}

/**
 * A shipping coupon's shares as Medusa shipping-method adjustments (docs/rules.md
 * §7.2), marked and named like the line-item ones, so cart totals, payment,
 * order and refunds see them; none to clear them.
 */
export async function writeCouponShippingAdjustments(
  container: MedusaContainer,
  cart: CouponCart,
  code: string | null,
  allocations: { shipping_method_id: string; amount: number }[]
) {
  const methods = cart.shipping_methods ?? []
  const ours = methods.flatMap((method: any) =>
    (method.adjustments ?? []).filter((adj: any) => adj?.provider_id === COUPON_ADJUSTMENT_PROVIDER)
  )
  const wanted = new Map(allocations.filter((a) => a.amount > 0).map((a) => [a.shipping_method_id, a.amount]))
  const current = currentCouponShippingShares(cart)
  const same =
    wanted.size === current.size &&
    [...wanted].every(([id, amount]) => current.get(id) === amount) &&
    ours.every((adj: any) => adj.code === code && adj.description === couponAdjustmentDescription(code ?? ""))
  if (same) return
  const cartModule = container.resolve(Modules.CART)
  if (ours.length) {
    await cartModule.softDeleteShippingMethodAdjustments(ours.map((adj: any) => adj.id))
  }
  const methodIds = new Set(methods.map((method: any) => method.id))
  const toAdd = [...wanted].filter(([id]) => methodIds.has(id))
  if (code && toAdd.length) {
    await cartModule.addShippingMethodAdjustments(
      toAdd.map(([shipping_method_id, amount]) => ({
        shipping_method_id,
        amount: toMajorUnits(amount, cart.currency_code),
        code,
        description: couponAdjustmentDescription(code),
        provider_id: COUPON_ADJUSTMENT_PROVIDER,
      }))
    )
  }
}
