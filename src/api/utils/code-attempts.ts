import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RateLimiterPostgres } from "rate-limiter-flexible"
import { COUPON_MODULE } from "../../modules/coupon"
import type CouponModuleService from "../../modules/coupon/service"
import { attemptBudgets, AttemptCounter, clientAddress } from "./attempt-budgets"

/*
 * Attempts with codes that do not exist (docs/rules.md §6, §7.5), counted in
 * PostgreSQL so every server instance shares them. A guesser locks out only
 * itself: each attempt is counted against the cart it was made on, and
 * against the logged-in customer or — for a guest — the client address,
 * each with its own budget. A real code refused by a rule is not a guess
 * and is not counted.
 */

let limiters: Record<AttemptCounter, RateLimiterPostgres> | null = null

function attemptLimiters(req: MedusaRequest) {
  if (!limiters) {
    const budgets = attemptBudgets(req.scope.resolve<CouponModuleService>(COUPON_MODULE).options)
    const limiterOf = (counter: AttemptCounter) =>
      new RateLimiterPostgres({
        storeClient: req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION),
        storeType: "knex",
        tableName: "coupon_code_attempt",
        tableCreated: true,
        clearExpiredByTimeout: true,
        keyPrefix: `code-${counter}`,
        points: budgets[counter],
        duration: budgets.duration_seconds,
      })
    limiters = { cart: limiterOf("cart"), customer: limiterOf("customer"), address: limiterOf("address") }
  }
  return limiters
}

/**
 * The counters an attempt is charged to. A claim into the wallet (`cartId`
 * null) is made by a logged-in customer. A logged-in customer is counted as
 * themself, never by address, so a guesser sharing their address (an
 * office, a mobile carrier's NAT, a proxy) does not lock them out.
 */
function attemptKeys(req: MedusaRequest, cartId: string | null): [AttemptCounter, string][] {
  const actor = (req as any).auth_context?.actor_id as string | undefined
  const options = req.scope.resolve<CouponModuleService>(COUPON_MODULE).options
  const keys: [AttemptCounter, string][] = cartId ? [["cart", cartId]] : []
  keys.push(actor ? ["customer", actor] : ["address", clientAddress(req, options.code_attempts?.trusted_proxy_hops)])
  return keys
}

/**
 * Answers 429 with Retry-After when the caller has used up its attempts;
 * returns whether it did, so the route stops there.
 */
export async function refuseWhenOutOfAttempts(
  req: MedusaRequest,
  res: MedusaResponse,
  cartId: string | null
): Promise<boolean> {
  const wait = await secondsUntilNextAttempt(req, cartId)
  if (wait <= 0) return false
  res.setHeader("Retry-After", String(wait))
  res.status(429).json({
    type: "too_many_requests",
    code: "too_many_attempts",
    details: { retry_after_seconds: wait },
    message: `Too many attempts with unknown coupon codes. Try again in ${wait} seconds.`,
  })
  return true
}

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
async function secondsUntilNextAttempt(req: MedusaRequest, cartId: string | null): Promise<number> {
  const rl = attemptLimiters(req)
  const waits = await Promise.all(
    attemptKeys(req, cartId).map(async ([counter, key]) => {
      const state = await rl[counter].get(key)
      return state && state.consumedPoints >= rl[counter].points ? Math.ceil(state.msBeforeNext / 1000) : 0
    })
  )
  return Math.max(0, ...waits)
}

export async function recordUnknownCode(req: MedusaRequest, cartId: string | null) {
  const rl = attemptLimiters(req)
  await Promise.all(attemptKeys(req, cartId).map(([counter, key]) => rl[counter].penalty(key, 1)))
}
