import { divideRoundHalfUp, parseDecimal } from "./money"

export type CouponType = "fixed" | "percentage"

export interface DiscountDefinition {
  type: CouponType
  amount_minor?: number | null
  percentage?: number | null
  max_discount_minor?: number | null
}

function assertMinorAmount(value: number, label: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${label} must be a non-negative integer of minor units, got ${value}`)
  }
}

/**
 * The discount D for an eligible subtotal S (rules §3), in minor units.
 * Percentages such as 12.5 or 33.33 are applied on an exactly scaled integer
 * with BigInt, because S × 0.3333 in floats can land on the wrong side of a
 * rounding half.
 */
export function computeDiscount(coupon: DiscountDefinition, eligibleSubtotalMinor: number): number {
  assertMinorAmount(eligibleSubtotalMinor, "Eligible subtotal")
  const subtotal = eligibleSubtotalMinor

  if (coupon.type === "fixed") {
    const amount = coupon.amount_minor
    if (amount === null || amount === undefined) {
      throw new Error("A fixed coupon needs amount_minor")
    }
    assertMinorAmount(amount, "Coupon amount")
    return Math.min(amount, subtotal)
  }

  if (coupon.type === "percentage") {
    const percentage = coupon.percentage
    if (percentage === null || percentage === undefined) {
      throw new Error("A percentage coupon needs percentage")
    }
    const p = parseDecimal(percentage)
    if (p.negative || p.digits === BigInt(0) || p.digits > BigInt(100) * BigInt(10) ** BigInt(p.scale)) {
      throw new Error(`Percentage must be greater than 0 and at most 100, got ${percentage}`)
    }
    const denominator = BigInt(100) * BigInt(10) ** BigInt(p.scale)
    let discount = Number(divideRoundHalfUp(BigInt(subtotal) * p.digits, denominator))

    const cap = coupon.max_discount_minor
    if (cap !== null && cap !== undefined) {
      assertMinorAmount(cap, "Maximum discount")
      discount = Math.min(discount, cap)
    }
    // p ≤ 100 already keeps D ≤ S; the min is a belt-and-braces guarantee.
    return Math.min(discount, subtotal)
  }

  throw new Error(`Unknown coupon type: ${String((coupon as { type: unknown }).type)}`)
}
