import { allocateDiscount } from "./allocation"
import { computeDiscount, CouponType } from "./discount"
import { toMinorUnits } from "./money"

/**
 * A shipping coupon's discount (docs/rules.md §7.2 "Target"): fixed amount
 * off, or a percentage (100 = free shipping), of the cart's shipping methods.
 * A method priced above `max_shipping_amount` is not discounted. Several
 * methods share the discount in proportion to their price (largest
 * remainder), so the shares sum to exactly the discount.
 */
export interface ShippingMethodForDiscount {
  id: string
  /** Price in major units, as Medusa stores it. */
  amount: number
}

export interface ShippingDiscountTerms {
  type: CouponType
  /** Minor units of the cart's currency, or null. */
  amount_minor: number | null
  percentage: number | null
  max_discount_minor: number | null
  max_shipping_amount_minor: number | null
}

export function shippingDiscount(
  terms: ShippingDiscountTerms,
  methods: ShippingMethodForDiscount[],
  currency: string
): { discount_total: number; allocations: { shipping_method_id: string; amount: number }[] } {
  const eligible = methods
    .map((m) => ({ id: m.id, subtotal: toMinorUnits(m.amount, currency) }))
    .filter((m) => m.subtotal > 0 && (terms.max_shipping_amount_minor === null || m.subtotal <= terms.max_shipping_amount_minor))
  const subtotal = eligible.reduce((sum, m) => sum + m.subtotal, 0)
  if (!subtotal) return { discount_total: 0, allocations: [] }
  const discount = computeDiscount(
    { type: terms.type, amount_minor: terms.amount_minor, percentage: terms.percentage, max_discount_minor: terms.max_discount_minor },
    subtotal
  )
  return {
    discount_total: discount,
    allocations: allocateDiscount("proportional", eligible, discount)
      .filter((s) => s.amount > 0)
      .map((s) => ({ shipping_method_id: s.id, amount: s.amount })),
  }
}
