/**
 * docs/rules.md §4: which uses of a coupon count against its limits. A use
 * is live when its order spent it (`redeemed`), or while it is `held` for a
 * checkout: until the hold runs out, and for good once the held use's cart
 * became an order (its order.placed event may have been lost). Released,
 * canceled and refunded uses are not live (the coupon's counter keeps those
 * of canceled and refunded orders, see service.usageSnapshot).
 */
export type CouponUseState = {
  status: "held" | "redeemed" | "released" | "canceled" | "refunded"
  hold_expires_at: Date | string | null
  /** The use's cart has a live order (Medusa's order–cart link). */
  cart_has_order: boolean
}

export function isLiveUse(use: CouponUseState, now: Date = new Date()): boolean {
  if (use.status === "redeemed") return true
  if (use.status !== "held") return false
  if (use.cart_has_order) return true
  return use.hold_expires_at != null && new Date(use.hold_expires_at).getTime() > now.getTime()
}
