/**
 * Which money terms of a coupon apply to a cart's currency (docs/rules.md
 * §7.2 "Currencies"). A coupon lists its terms per currency in `amounts`, or
 * — the one-currency form — in `currency_code` with `amount`, `min_spend`
 * and `max_discount`; a percentage coupon with neither works in any currency.
 */

/** One currency's terms, in major units of that currency. */
export interface CurrencyAmounts {
  currency_code: string
  amount?: number | null
  min_spend?: number | null
  max_discount?: number | null
}

export interface CouponMoneyFields {
  amount: number | null
  max_discount: number | null
  currency_code: string | null
  min_spend: number | null
  amounts?: CurrencyAmounts[] | null
}

export type CurrencyTerms =
  | { covered: true; amount: number | null; min_spend: number | null; max_discount: number | null }
  /** `currencies`: the ones the coupon covers, lower case, in the coupon's order. */
  | { covered: false; currencies: string[] }

const orNull = (v: number | null | undefined) => (v === undefined || v === null ? null : Number(v))

export function currencyTerms(coupon: CouponMoneyFields, cartCurrency: string): CurrencyTerms {
  const currency = cartCurrency.toLowerCase()
  if (coupon.amounts?.length) {
    const entry = coupon.amounts.find((a) => a.currency_code.toLowerCase() === currency)
    if (!entry) return { covered: false, currencies: coupon.amounts.map((a) => a.currency_code.toLowerCase()) }
    return { covered: true, amount: orNull(entry.amount), min_spend: orNull(entry.min_spend), max_discount: orNull(entry.max_discount) }
  }
  if (coupon.currency_code && coupon.currency_code.toLowerCase() !== currency) {
    return { covered: false, currencies: [coupon.currency_code.toLowerCase()] }
  }
  return {
    covered: true,
    amount: orNull(coupon.amount),
    min_spend: orNull(coupon.min_spend),
    max_discount: orNull(coupon.max_discount),
  }
}
