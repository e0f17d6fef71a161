/**
 * Rules that relate a coupon's fields to each other and to the store's plan
 * (docs/rules.md §1). Judged on the whole coupon as it would be stored, so create
 * and update (a partial change merged onto the stored coupon) share them.
 */

export type CouponPlan = "basic" | "advanced"

export interface CouponDefinition {
  type: "fixed" | "percentage"
  amount?: number | null
  percentage?: number | null
  max_discount?: number | null
  currency_code?: string | null
  min_spend?: number | null
  starts_at?: Date | string | null
  ends_at?: Date | string | null
  first_order_only?: boolean | null
  product_ids?: string[] | null
  category_ids?: string[] | null
  usage_limit?: number | null
  usage_limit_per_customer?: number | null
}

/**
 * Fields the `basic` plan refuses (the seeds' Restrictions and Usage tabs,
 * minus min spend and exclude-sale-items, which basic keeps), with the test
 * that a value actually uses them.
 */
const ADVANCED_FIELDS: { field: keyof CouponDefinition; used: (v: unknown) => boolean }[] = [
  { field: "first_order_only", used: (v) => v === true },
  { field: "product_ids", used: (v) => Array.isArray(v) && v.length > 0 },
  { field: "category_ids", used: (v) => Array.isArray(v) && v.length > 0 },
  { field: "usage_limit", used: (v) => v !== null && v !== undefined },
  { field: "usage_limit_per_customer", used: (v) => v !== null && v !== undefined },
]

const isSet = (v: unknown) => v !== null && v !== undefined

/** The first broken rule as a message a merchant can act on, or null. */
export function couponDefinitionError(
  coupon: CouponDefinition,
  plan: CouponPlan,
  changedFields?: Set<string>
): string | null {
  if (coupon.type === "percentage") {
    if (!isSet(coupon.percentage)) {
      return "percentage is required for a percentage coupon (a number above 0 and at most 100)."
    }
    if (!(coupon.percentage! > 0 && coupon.percentage! <= 100)) {
      return `percentage must be above 0 and at most 100; got ${coupon.percentage}.`
    }
    if (isSet(coupon.amount)) {
      return "amount applies to fixed coupons only; remove it or change type to 'fixed'."
    }
  } else {
    if (!isSet(coupon.amount) || coupon.amount! <= 0) {
      return "amount is required for a fixed coupon and must be above 0."
    }
    if (!isSet(coupon.currency_code)) {
      return "currency_code is required for a fixed coupon (the currency of amount, e.g. 'usd')."
    }
    if (isSet(coupon.percentage)) {
      return "percentage applies to percentage coupons only; remove it or change type to 'percentage'."
    }
    if (isSet(coupon.max_discount)) {
      return "max_discount caps percentage coupons only; a fixed coupon's amount is already its maximum."
    }
  }
  if (isSet(coupon.max_discount) && coupon.max_discount! <= 0) {
    return "max_discount must be above 0; leave it empty for no cap."
  }
  for (const field of ["min_spend", "max_discount"] as const) {
    if (isSet(coupon[field]) && !isSet(coupon.currency_code)) {
      return `currency_code is required when ${field} is set (the currency of that amount, e.g. 'usd').`
    }
  }
  if (isSet(coupon.starts_at) && isSet(coupon.ends_at)) {
    const starts = new Date(coupon.starts_at!).getTime()
    const ends = new Date(coupon.ends_at!).getTime()
    if (ends <= starts) {
      return "ends_at must be after starts_at."
    }
  }
  if (plan === "basic") {
    for (const { field, used } of ADVANCED_FIELDS) {
      // On update only what the request changes is judged: a coupon made on
      // the advanced plan stays editable in its general fields.
      if (changedFields && !changedFields.has(field)) continue
      if (used(coupon[field])) {
        return (
          `${field} is a restriction/usage field, which the basic coupon plan does not allow. ` +
          "Switch the plan to 'advanced' in coupon settings, or leave the field empty."
        )
      }
    }
  }
  return null
}
