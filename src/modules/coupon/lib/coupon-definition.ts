/**
 * Rules that relate a coupon's fields to each other and to the store's plan
 * (docs/rules.md §1). Judged on the whole coupon as it would be stored, so create
 * and update (a partial change merged onto the stored coupon) share them.
 */

import type { CurrencyAmounts } from "./coupon-currency"

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
  // docs/rules.md §7.2
  target?: "items" | "shipping" | null
  max_shipping_amount?: number | null
  country_codes?: string[] | null
  customer_group_ids?: string[] | null
  min_quantity?: number | null
  amounts?: CurrencyAmounts[] | null
  sales_channel_ids?: string[] | null
  region_ids?: string[] | null
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
  // §7.2: who, where, how many, which currencies, shipping
  { field: "customer_group_ids", used: (v) => Array.isArray(v) && v.length > 0 },
  { field: "min_quantity", used: (v) => v !== null && v !== undefined },
  { field: "sales_channel_ids", used: (v) => Array.isArray(v) && v.length > 0 },
  { field: "region_ids", used: (v) => Array.isArray(v) && v.length > 0 },
  { field: "amounts", used: (v) => Array.isArray(v) && v.length > 0 },
  { field: "target", used: (v) => v === "shipping" },
  { field: "max_shipping_amount", used: (v) => v !== null && v !== undefined },
  { field: "country_codes", used: (v) => Array.isArray(v) && v.length > 0 },
]

const isSet = (v: unknown) => v !== null && v !== undefined

/** A broken rule: the field at fault (the API's name) and a message a merchant can act on. */
export type DefinitionProblem = { field: string; message: string }

const problem = (field: string, message: string): DefinitionProblem => ({ field, message })

/** The first broken rule's message, or null (couponDefinitionProblem without the field). */
export function couponDefinitionError(coupon: CouponDefinition, plan: CouponPlan, changedFields?: Set<string>): string | null {
  return couponDefinitionProblem(coupon, plan, changedFields)?.message ?? null
}

/** The first broken rule, with its field, or null. */
export function couponDefinitionProblem(
  coupon: CouponDefinition,
  plan: CouponPlan,
  changedFields?: Set<string>
): DefinitionProblem | null {
  const error = coupon.amounts?.length ? severalCurrenciesError(coupon) : oneCurrencyError(coupon)
  if (error) return error
  if (coupon.target !== "shipping") {
    if (isSet(coupon.max_shipping_amount)) {
      return problem("max_shipping_amount", "max_shipping_amount applies to shipping coupons only (target 'shipping').")
    }
    if (coupon.country_codes?.length) {
      return problem("country_codes", "country_codes applies to shipping coupons only (target 'shipping'): it limits the shipping address country.")
    }
  } else if (isSet(coupon.max_shipping_amount)) {
    if (!(coupon.max_shipping_amount! > 0)) {
      return problem("max_shipping_amount", "max_shipping_amount must be above 0; leave it empty to discount shipping methods of any price.")
    }
    if (!isSet(coupon.currency_code)) {
      return problem("max_shipping_amount", "max_shipping_amount needs currency_code (the currency of that amount); a coupon with amounts in several currencies cannot have it.")
    }
  }
  if (isSet(coupon.starts_at) && isSet(coupon.ends_at)) {
    const starts = new Date(coupon.starts_at!).getTime()
    const ends = new Date(coupon.ends_at!).getTime()
    if (ends <= starts) {
      return problem("ends_at", "ends_at must be after starts_at.")
    }
  }
  if (plan === "basic") {
    for (const { field, used } of ADVANCED_FIELDS) {
      // On update only what the request changes is judged: a coupon made on
      // the advanced plan stays editable in its general fields.
      if (changedFields && !changedFields.has(field)) continue
      if (used(coupon[field])) {
        return problem(
          field,
          `${field} is a restriction/usage field, which the basic coupon plan does not allow. ` +
            "Switch the plan to 'advanced' in coupon settings, or leave the field empty."
        )
      }
    }
  }
  return null
}

/** A one-currency coupon: currency_code with amount, min_spend, max_discount (or a percentage in any currency). */
function oneCurrencyError(coupon: CouponDefinition): DefinitionProblem | null {
  if (coupon.type === "percentage") {
    if (!isSet(coupon.percentage)) {
      return problem("percentage", "percentage is required for a percentage coupon (a number above 0 and at most 100).")
    }
    if (!(coupon.percentage! > 0 && coupon.percentage! <= 100)) {
      return problem("percentage", `percentage must be above 0 and at most 100; got ${coupon.percentage}.`)
    }
    if (isSet(coupon.amount)) {
      return problem("amount", "amount applies to fixed coupons only; remove it or change type to 'fixed'.")
    }
  } else {
    if (!isSet(coupon.amount) || coupon.amount! <= 0) {
      return problem("amount", "amount is required for a fixed coupon and must be above 0.")
    }
    if (!isSet(coupon.currency_code)) {
      return problem("currency_code", "currency_code is required for a fixed coupon (the currency of amount, e.g. 'usd').")
    }
    if (isSet(coupon.percentage)) {
      return problem("percentage", "percentage applies to percentage coupons only; remove it or change type to 'percentage'.")
    }
    if (isSet(coupon.max_discount)) {
      return problem("max_discount", "max_discount caps percentage coupons only; a fixed coupon's amount is already its maximum.")
    }
  }
  if (isSet(coupon.max_discount) && coupon.max_discount! <= 0) {
    return problem("max_discount", "max_discount must be above 0; leave it empty for no cap.")
  }
  for (const field of ["min_spend", "max_discount"] as const) {
    if (isSet(coupon[field]) && !isSet(coupon.currency_code)) {
      return problem("currency_code", `currency_code is required when ${field} is set (the currency of that amount, e.g. 'usd').`)
    }
  }
  return null
}

/**
 * A several-currency coupon (docs/rules.md §7.2): each entry of `amounts`
 * carries its currency's amount (fixed), minimum spend and cap (percentage);
 * the one-currency fields stay empty so a coupon never says two things.
 */
function severalCurrenciesError(coupon: CouponDefinition): DefinitionProblem | null {
  const oneCurrencyFields = (["currency_code", "amount", "min_spend", "max_discount"] as const).filter((f) => isSet(coupon[f]))
  if (oneCurrencyFields.length) {
    return problem(
      "amounts",
      `amounts replaces ${oneCurrencyFields.join(", ")}: give each currency's amount, min_spend and max_discount ` +
        "in its entry of amounts and set those fields to null (or leave amounts empty for a one-currency coupon)."
    )
  }
  const seen = new Set<string>()
  for (const entry of coupon.amounts!) {
    const currency = entry.currency_code.toLowerCase()
    const upper = currency.toUpperCase()
    if (seen.has(currency)) return problem("amounts", `amounts lists ${upper} twice; give each currency once.`)
    seen.add(currency)
    if (coupon.type === "fixed") {
      if (!isSet(entry.amount) || !(entry.amount! > 0)) {
        return problem("amounts", `amounts: the ${upper} entry needs an amount above 0 (a fixed coupon's amount in ${upper}).`)
      }
      if (isSet(entry.max_discount)) {
        return problem("amounts", `amounts: the ${upper} entry has a max_discount, which caps percentage coupons only.`)
      }
    } else {
      if (isSet(entry.amount)) {
        return problem("amounts", `amounts: the ${upper} entry has an amount, which applies to fixed coupons only; use max_discount to cap a percentage.`)
      }
      if (isSet(entry.max_discount) && !(entry.max_discount! > 0)) {
        return problem("amounts", `amounts: the ${upper} entry's max_discount must be above 0; leave it empty for no cap.`)
      }
    }
  }
  if (coupon.type === "percentage" && !(isSet(coupon.percentage) && coupon.percentage! > 0 && coupon.percentage! <= 100)) {
    return problem("percentage", `percentage must be above 0 and at most 100; got ${coupon.percentage ?? "nothing"}.`)
  }
  if (coupon.type === "fixed" && isSet(coupon.percentage)) {
    return problem("percentage", "percentage applies to percentage coupons only; remove it or change type to 'percentage'.")
  }
  return null
}
