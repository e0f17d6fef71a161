import type { MedusaRequest } from "@medusajs/framework/http"
import type { CouponPluginOptions } from "../../modules/coupon/options"

export type AttemptCounter = "cart" | "customer" | "address"

/** Defaults: about 10 misses per cart or customer (docs/rules.md §6); an address is shared by more people. */
export const DEFAULT_ATTEMPT_BUDGETS = { cart: 10, customer: 10, address: 30, duration_seconds: 15 * 60 }

/** Each counter's budget: `points` sets cart and customer, `address_points` the client address. */
export function attemptBudgets(options: CouponPluginOptions): Record<AttemptCounter, number> & { duration_seconds: number } {
  const own = options.code_attempts
  return {
    cart: own?.points ?? DEFAULT_ATTEMPT_BUDGETS.cart,
    customer: own?.points ?? DEFAULT_ATTEMPT_BUDGETS.customer,
    address: own?.address_points ?? DEFAULT_ATTEMPT_BUDGETS.address,
    duration_seconds: own?.duration_seconds ?? DEFAULT_ATTEMPT_BUDGETS.duration_seconds,
  }
}

/**
 * The shopper's own address. By default Express's `req.ip`: Medusa sets
 * `trust proxy` to 1 (framework http/express-loader), so behind one load
 * balancer or reverse proxy that appends to X-Forwarded-For it is the
 * address that proxy saw, the shopper's. `trustedProxyHops` overrides it for
 * other set-ups: 0 when Medusa is reached directly (X-Forwarded-For is then
 * the client's own claim and ignored), 2 behind a CDN and a load balancer.
 */
export function clientAddress(
  req: Pick<MedusaRequest, "ip" | "headers" | "socket">,
  trustedProxyHops?: number
): string {
  if (trustedProxyHops === undefined) return req.ip ?? req.socket?.remoteAddress ?? "unknown"
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean)
  // The chain as the last proxy passed it on, then that proxy itself.
  const chain = [...forwarded, req.socket?.remoteAddress ?? "unknown"]
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)]
}
