/*
 * The rule chain of docs/rules.md §2–§3 and §7.2 as one function: the order of the checks
 * is the rule (the first failure is the refusal), so it is read top to bottom in one place.
 */
import { allocateDiscount, AllocationShare } from "./allocation"
import { computeDiscount } from "./discount"
import {
  EligibilityLine,
  IneligibilityReason,
  lineIneligibilityReason,
} from "./eligibility"
import { toMajorUnits, toMinorUnits } from "./money"
import { CurrencyAmounts, currencyTerms } from "./coupon-currency"
import { shippingDiscount } from "./shipping-discount"

/**
 * Everything docs/rules.md §2–§3 need to judge one coupon on one cart, already
 * loaded. Kept free of Medusa so every rule and message is unit-tested.
 */
export interface CouponForEvaluation {
  id: string
  title: string
  type: "fixed" | "percentage"
  amount: number | null
  percentage: number | null
  max_discount: number | null
  currency_code: string | null
  min_spend: number | null
  starts_at: Date | string | null
  ends_at: Date | string | null
  is_active: boolean
  first_order_only: boolean
  exclude_sale_items: boolean
  product_ids: string[]
  usage_limit: number | null
  usage_limit_per_customer: number | null
  renewal_applicable: boolean
  allocation: "even" | "proportional"
  // docs/rules.md §7.2; absent on coupons read before these fields existed.
  target?: "items" | "shipping"
  max_shipping_amount?: number | null
  country_codes?: string[]
  customer_group_ids?: string[]
  min_quantity?: number | null
  amounts?: CurrencyAmounts[] | null
  sales_channel_ids?: string[]
  region_ids?: string[]
}

export interface CartLineForEvaluation extends EligibilityLine {
  quantity: number
  unit_price: number
}

export interface CouponEvaluationInput {
  code: string
  settings: { enabled: boolean; excluded_product_kinds: string[]; allowed_order_types: string[] }
  coupon: CouponForEvaluation | null
  /**
   * The serial code typed, when it is one. `wallet_expires_at`: when the
   * code sits in its holder's wallet, the expiry of that wallet entry (a
   * campaign's "N days" lives there, not on the coupon).
   */
  serial: {
    customer_id: string | null
    max_uses: number
    usage_count: number
    wallet_expires_at?: Date | string | null
  } | null
  cart: {
    currency_code: string
    customer_id: string | null
    metadata: Record<string, unknown> | null
    items: CartLineForEvaluation[]
    sales_channel_id?: string | null
    region_id?: string | null
    /** The customer's Medusa customer groups (read only for coupons limited to groups). */
    customer_group_ids?: string[]
    /** False for a guest: Medusa gives a guest cart a customer without an account. */
    customer_has_account?: boolean
    /** Country of the shipping address, if any (read for shipping coupons). */
    shipping_country_code?: string | null
    /** Shipping methods, prices in major units (read for shipping coupons). */
    shipping_methods?: { id: string; amount: number }[]
  }
  /** Category scope of the coupon with every sub-category, or null for none. */
  scoped_category_ids: Set<string> | null
  customer_blocked: boolean
  /** Live uses (held or redeemed) by other carts. */
  usage: {
    total: number
    by_customer: number
    customer_has_prior_order: boolean
    /** When a use held by another cart's failed payment frees up, if any. */
    earliest_hold_release: Date | null
  }
  now: Date
}

export type CouponRule =
  | "coupons_disabled"
  | "coupon_not_found"
  | "coupon_inactive"
  | "coupon_not_started"
  | "coupon_expired"
  | "customer_blocked"
  | "order_type_not_allowed"
  | "renewal_not_allowed"
  | "first_order_only"
  | "customer_limit_reached"
  | "usage_limit_reached"
  | "coupon_held"
  | "code_not_yours"
  | "channel_not_allowed"
  | "region_not_allowed"
  | "customer_group_required"
  | "country_not_allowed"
  | "currency_not_covered"
  | "no_eligible_items"
  | "min_quantity_not_met"
  | "min_spend_not_met"

export type CouponEvaluation =
  | {
      ok: true
      eligible_subtotal: number
      discount_total: number
      allocations: { item_id: string; amount: number }[]
      /** A shipping coupon's shares of the shipping methods (items get none). */
      shipping_allocations: { shipping_method_id: string; amount: number }[]
      ineligible: { item_id: string; reason: IneligibilityReason }[]
    }
  | { ok: false; rule: CouponRule; message: string; details?: Record<string, unknown> }

export type CouponRefusal = Extract<CouponEvaluation, { ok: false }>

/** A refused judgement: `rule` is the refusal code of refusal.ts, which storefronts translate. */
const fail = (rule: CouponRule, message: string, details?: Record<string, unknown>): CouponEvaluation =>
  details ? { ok: false, rule, message, details } : { ok: false, rule, message }

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10)

export function formatMoney(minor: number, currency: string): string {
  const decimals = toMajorUnits(1, currency).toString().split(".")[1]?.length ?? 0
  return `${toMajorUnits(minor, currency).toFixed(decimals)} ${currency.toUpperCase()}`
}

/**
 * Some uses may be held by checkouts that have not finished (in flight, or
 * whose payment failed): say when the coupon frees up if they do not complete.
 */
export function usageLimitMessage(code: string, earliestHoldRelease: Date | null): string {
  const base = `Coupon ${code} has reached its usage limit`
  return earliestHoldRelease
    ? `${base}; some uses are held by checkouts that have not completed, and if they fail it frees up at ${earliestHoldRelease.toISOString()}.`
    : `${base}.`
}

/**
 * Rule 1 without the settings: the coupon exists, is active and is inside its
 * window at `now`; the refusal, or null. Judging uses it, and so does the
 * claim at completion under the coupon's row lock (the window at claim time).
 */
export function couponClosedRefusal(
  code: string,
  coupon: { is_active: boolean; starts_at?: Date | string | null; ends_at?: Date | string | null } | null,
  now: Date
): CouponRefusal | null {
  const refusal = (rule: CouponRule, message: string): CouponRefusal => ({ ok: false, rule, message })
  if (!coupon) {
    return refusal("coupon_not_found", `Coupon code ${code} does not exist.`)
  }
  if (!coupon.is_active) {
    return refusal("coupon_inactive", `Coupon ${code} is not active.`)
  }
  if (coupon.starts_at && new Date(coupon.starts_at) > now) {
    return refusal("coupon_not_started", `Coupon ${code} is not valid yet: it starts on ${day(coupon.starts_at)}.`)
  }
  if (coupon.ends_at && new Date(coupon.ends_at) <= now) {
    return refusal("coupon_expired", `Coupon ${code} has expired (it ended on ${day(coupon.ends_at)}).`)
  }
  return null
}

export function evaluateCoupon(input: CouponEvaluationInput): CouponEvaluation {
  const { code, settings, coupon, serial, cart, usage, now } = input

  // 1. enabled, exists, active, inside its window
  if (!settings.enabled) {
    return fail("coupons_disabled", "Coupons are disabled in this store.")
  }
  const closed = couponClosedRefusal(code, coupon, now)
  // (closed is never null without a coupon)
  if (closed || !coupon) return closed!

  // 2. blocklist
  if (input.customer_blocked) {
    return fail("customer_blocked", "This customer is blocked from using coupons.")
  }

  // 3. order type and renewal
  const orderType = cart.metadata?.order_type
  // An empty order type is no order type (an ordinary order).
  if (orderType !== undefined && orderType !== null && String(orderType).trim() !== "") {
    const type = String(orderType).trim().toLowerCase()
    if (!settings.allowed_order_types.includes(type)) {
      return fail(
        "order_type_not_allowed",
        `Coupons cannot be used on '${type}' orders; allowed order types: ${settings.allowed_order_types.join(", ")}.`
      )
    }
  }
  if (cart.metadata?.is_renewal === true && !coupon.renewal_applicable) {
    return fail("renewal_not_allowed", `Coupon ${code} cannot be used on renewal orders.`)
  }

  // 3b. where (sales channel, region, shipping country) and who (customer group), §7.2
  const whereOrWho = whereAndWhoRefusal(code, coupon, cart)
  if (whereOrWho) return whereOrWho

  // 4. first order, per-customer and total limits (holds count), holder
  if (coupon.first_order_only && usage.customer_has_prior_order) {
    return fail("first_order_only", `Coupon ${code} is only for a customer's first order.`)
  }
  if (coupon.usage_limit_per_customer !== null && usage.by_customer >= coupon.usage_limit_per_customer) {
    return fail(
      "customer_limit_reached",
      `Coupon ${code} has already been used by this customer (limit ${coupon.usage_limit_per_customer} per customer).`
    )
  }
  if (coupon.usage_limit !== null && usage.total >= coupon.usage_limit) {
    return usage.earliest_hold_release
      ? fail("coupon_held", usageLimitMessage(code, usage.earliest_hold_release), {
          frees_up_at: usage.earliest_hold_release.toISOString(),
        })
      : fail("usage_limit_reached", usageLimitMessage(code, null))
  }
  if (serial) {
    if (serial.customer_id && serial.customer_id !== cart.customer_id) {
      return fail(
        "code_not_yours",
        `Coupon code ${code} belongs to another customer's wallet; coupons cannot be transferred.`
      )
    }
    if (serial.usage_count >= serial.max_uses) {
      return fail("usage_limit_reached", `Coupon code ${code} has already been used.`)
    }
    if (serial.wallet_expires_at && new Date(serial.wallet_expires_at) <= now) {
      return fail("coupon_expired", `Coupon code ${code} has expired: it was valid in your wallet until ${day(serial.wallet_expires_at)}.`)
    }
  }

  // 5. currency, eligible lines, minimum spend
  const currency = cart.currency_code.toLowerCase()
  const terms = currencyTerms(coupon, currency)
  if (!terms.covered) {
    return fail(
      "currency_not_covered",
      `Coupon ${code} is for ${terms.currencies.map((c) => c.toUpperCase()).join(", ")} orders; this cart is in ${currency.toUpperCase()}.`,
      { currencies: terms.currencies }
    )
  }
  const rules = {
    product_ids: coupon.product_ids ?? [],
    scoped_category_ids: input.scoped_category_ids,
    exclude_sale_items: coupon.exclude_sale_items,
    excluded_kinds: settings.excluded_product_kinds,
  }
  const eligible: { id: string; subtotal: number }[] = []
  let eligibleUnits = 0
  const ineligible: { item_id: string; reason: IneligibilityReason }[] = []
  for (const line of cart.items) {
    const reason = lineIneligibilityReason(line, rules)
    if (reason) {
      ineligible.push({ item_id: line.id, reason })
    } else {
      eligible.push({ id: line.id, subtotal: toMinorUnits(line.unit_price, currency) * line.quantity })
      eligibleUnits += line.quantity
    }
  }
  if (!eligible.length) {
    return fail("no_eligible_items", noEligibleItemsMessage(code, ineligible))
  }
  if (coupon.min_quantity && eligibleUnits < coupon.min_quantity) {
    const missing = coupon.min_quantity - eligibleUnits
    return fail(
      "min_quantity_not_met",
      `Coupon ${code} needs at least ${coupon.min_quantity} eligible items in the cart: add ${missing} more (eligible now ${eligibleUnits}).`,
      { min_quantity: coupon.min_quantity, eligible_quantity: eligibleUnits, missing_quantity: missing }
    )
  }
  const eligibleSubtotal = eligible.reduce((sum, l) => sum + l.subtotal, 0)
  if (terms.min_spend !== null) {
    const minSpend = toMinorUnits(terms.min_spend, currency)
    if (eligibleSubtotal < minSpend) {
      return fail(
        "min_spend_not_met",
        `Minimum spend not met for coupon ${code}: add ${formatMoney(minSpend - eligibleSubtotal, currency)} more of eligible items (minimum ${formatMoney(minSpend, currency)}, eligible now ${formatMoney(eligibleSubtotal, currency)}).`,
        {
          currency_code: currency,
          missing_amount: toMajorUnits(minSpend - eligibleSubtotal, currency),
          min_spend: toMajorUnits(minSpend, currency),
          eligible_subtotal: toMajorUnits(eligibleSubtotal, currency),
        }
      )
    }
  }

  const money = {
    type: coupon.type,
    amount_minor: terms.amount === null ? null : toMinorUnits(terms.amount, currency),
    percentage: coupon.percentage,
    max_discount_minor: terms.max_discount === null ? null : toMinorUnits(terms.max_discount, currency),
  }
  if (coupon.target === "shipping") {
    // Items qualify the cart (scope, minimums); the discount is the shipping's.
    const maxShipping = coupon.max_shipping_amount ?? null
    const shipping = shippingDiscount(
      { ...money, max_shipping_amount_minor: maxShipping === null ? null : toMinorUnits(maxShipping, currency) },
      cart.shipping_methods ?? [],
      currency
    )
    return {
      ok: true,
      eligible_subtotal: eligibleSubtotal,
      discount_total: shipping.discount_total,
      allocations: [],
      shipping_allocations: shipping.allocations,
      ineligible,
    }
  }
  const discount = computeDiscount(money, eligibleSubtotal)
  const shares: AllocationShare[] = allocateDiscount(coupon.allocation, eligible, discount)
  return {
    ok: true,
    eligible_subtotal: eligibleSubtotal,
    discount_total: discount,
    allocations: shares.map((s) => ({ item_id: s.id, amount: s.amount })),
    shipping_allocations: [],
    ineligible,
  }
}

/**
 * docs/rules.md §7.2: the sales channel and region the cart is in, the country
 * a shipping coupon ships to, and the customer's groups (guests are in none).
 * Empty lists mean everywhere / anyone.
 */
function whereAndWhoRefusal(
  code: string,
  coupon: CouponForEvaluation,
  cart: CouponEvaluationInput["cart"]
): CouponEvaluation | null {
  const channels = coupon.sales_channel_ids ?? []
  if (channels.length && !channels.includes(cart.sales_channel_id ?? "")) {
    return fail("channel_not_allowed", `Coupon ${code} cannot be used in this sales channel.`)
  }
  const regions = coupon.region_ids ?? []
  if (regions.length && !regions.includes(cart.region_id ?? "")) {
    return fail("region_not_allowed", `Coupon ${code} cannot be used in this cart's region.`)
  }
  const countries = (coupon.country_codes ?? []).map((c) => c.toLowerCase())
  if (coupon.target === "shipping" && countries.length) {
    const country = cart.shipping_country_code?.toLowerCase() ?? null
    if (!country || !countries.includes(country)) {
      const where = countries.map((c) => c.toUpperCase()).join(", ")
      return fail(
        "country_not_allowed",
        country
          ? `Coupon ${code} is for shipping to ${where}; this cart ships to ${country.toUpperCase()}.`
          : `Coupon ${code} is for shipping to ${where}; add a shipping address first.`,
        { country_codes: countries }
      )
    }
  }
  const groups = coupon.customer_group_ids ?? []
  if (groups.length) {
    if (!cart.customer_id || cart.customer_has_account === false) {
      return fail(
        "customer_group_required",
        `Coupon ${code} is for members of certain customer groups: sign in to use it.`,
        { signed_in: false }
      )
    }
    if (!(cart.customer_group_ids ?? []).some((g) => groups.includes(g))) {
      return fail("customer_group_required", `Coupon ${code} is not available to this customer's group.`, {
        signed_in: true,
      })
    }
  }
  return null
}

function noEligibleItemsMessage(code: string, ineligible: { reason: IneligibilityReason }[]): string {
  const kinds = [
    ...new Set(
      ineligible.filter((i) => i.reason.startsWith("excluded_kind:")).map((i) => i.reason.slice("excluded_kind:".length))
    ),
  ].sort()
  const why: string[] = []
  if (kinds.length) why.push(`product kind excluded from coupons (${kinds.join(", ")})`)
  if (ineligible.some((i) => i.reason === "not_in_scope")) why.push("not among the coupon's products or categories")
  if (ineligible.some((i) => i.reason === "sale_item")) why.push("already on sale")
  if (ineligible.some((i) => i.reason === "not_discountable" || i.reason === "gift_card")) why.push("not discountable")
  if (!why.length) return `Coupon ${code} does not apply to an empty cart: add items first.`
  return `Coupon ${code} does not apply to any item in this cart (no eligible items: ${why.join("; ")}).`
}
