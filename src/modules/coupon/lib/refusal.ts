/*
 * Refusals as data (docs/rules.md §7.3): every refusal of the plugin is a stable
 * `code` from this list, a message for people and, where it helps a
 * storefront, details. Callers (storefronts, the attempt limiter, the admin
 * form, the import report) decide by `code` and details, never by message
 * text. The codes of a coupon judged on a cart are the rule names of
 * evaluate-coupon.ts (CouponRule), so a judgement's refusal is its rule.
 */

/** Every refusal code, with what it means. docs/rules.md lists the same. */
export const REFUSAL_CODES = {
  // a code judged on a cart (docs/rules.md §2, §7.2)
  coupons_disabled: "Coupons are switched off in this store.",
  coupon_not_found: "No live coupon or serial code has this code (counts as a guess).",
  coupon_inactive: "The coupon is paused.",
  coupon_not_started: "The coupon's validity window has not started.",
  coupon_expired: "The coupon's window (or the wallet entry of a serial code) has ended.",
  customer_blocked: "The customer is on the coupon blocklist.",
  order_type_not_allowed: "The cart's order type may not use coupons.",
  renewal_not_allowed: "The coupon may not be used on renewal orders.",
  first_order_only: "The coupon is for a customer's first order.",
  customer_limit_reached: "The customer has used the coupon as often as allowed.",
  usage_limit_reached: "The coupon (or serial code) is used up.",
  coupon_held: "The last uses are held by checkouts whose payment has not finished; details.frees_up_at says when.",
  code_not_yours: "The serial code belongs to another customer's wallet.",
  channel_not_allowed: "The coupon is limited to other sales channels than the cart's.",
  region_not_allowed: "The coupon is limited to other regions than the cart's.",
  country_not_allowed: "A shipping coupon limited to countries the cart does not ship to; details.country_codes lists them.",
  customer_group_required: "The coupon is for members of certain customer groups; details.signed_in is false for a guest.",
  currency_not_covered: "The cart's currency is not one the coupon covers; details.currencies lists the ones it does.",
  no_eligible_items: "No line of the cart may be discounted by this coupon.",
  min_quantity_not_met: "Too few eligible units in the cart; details.missing_quantity says how many more.",
  min_spend_not_met: "The eligible subtotal is below the minimum spend; details.missing_amount says how much is missing.",
  // the cart as a whole
  combined_with_promotion: "A coupon cannot be combined with Medusa promotion codes on one cart.",
  one_coupon_per_order: "Only one coupon can be used on an order.",
  no_wallet_coupon: "The best-pick apply found no wallet coupon that applies; details.options gives each one's refusal code.",
  too_many_attempts: "Too many unknown codes were tried; Retry-After says when to try again.",
  coupon_out_of_date: "The cart's coupon split is out of date; apply the coupon again.",
  // any request
  invalid_data: "The request's body, query or parameters are not valid.",
  not_found: "The resource does not exist.",
  not_allowed: "The action is not allowed in the resource's current state.",
  conflict: "Another request changed the resource at the same time; retry.",
} as const

export type RefusalCode = keyof typeof REFUSAL_CODES

export type Refusal = {
  code: RefusalCode
  message: string
  details?: Record<string, unknown>
}

export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(REFUSAL_CODES, value)
}
