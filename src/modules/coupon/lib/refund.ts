import { toMinorUnits } from "./money"

/** Amounts as Medusa returns them (major units, numbers or strings), summed exactly in minor units. */
export function sumMinorUnits(amounts: unknown[], currencyCode: string): number {
  return amounts.reduce<number>((sum, amount) => sum + toMinorUnits(Number(amount ?? 0), currencyCode), 0)
}

/**
 * docs/rules.md §6: what a coupon order can still give back is what was
 * captured less what was refunded, never below zero — the coupon's discount
 * was never paid, so it is never paid out. Minor units.
 */
export function refundableAmount(capturedMinor: number, refundedMinor: number): number {
  return Math.max(0, capturedMinor - refundedMinor)
}
