import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RateLimiterPostgres } from "rate-limiter-flexible"
import { COUPON_MODULE } from "../../modules/coupon"
import type CouponModuleService from "../../modules/coupon/service"

const DEFAULT_POINTS = 10
const DEFAULT_DURATION_SECONDS = 15 * 60

let limiter: RateLimiterPostgres | null = null

/**
 * Attempts with codes that do not exist, counted per cart and per customer
 * (or IP for guests) in PostgreSQL, shared by every server instance. A real
 * code refused by a rule is not a guess and is not counted (docs/rules.md §6).
 */
function attemptLimiter(req: MedusaRequest) {
  if (!limiter) {
    const { code_attempts } = req.scope.resolve<CouponModuleService>(COUPON_MODULE).options
    limiter = new RateLimiterPostgres({
      storeClient: req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION),
      storeType: "knex",
      tableName: "coupon_code_attempt",
      tableCreated: true,
      clearExpiredByTimeout: true,
      keyPrefix: "code",
      points: code_attempts?.points ?? DEFAULT_POINTS,
      duration: code_attempts?.duration_seconds ?? DEFAULT_DURATION_SECONDS,
    })
  }
  return limiter
}

/** A claim into the wallet (`cartId` null) is counted per customer only. */
function attemptKeys(req: MedusaRequest, cartId: string | null) {
  const actor = (req as any).auth_context?.actor_id
  const who = actor ? `customer:${actor}` : `ip:${req.ip}`
  return cartId ? [`cart:${cartId}`, who] : [who]
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
  const rl = attemptLimiter(req)
  const results = await Promise.all(attemptKeys(req, cartId).map((key) => rl.get(key)))
  return Math.max(
    0,
    ...results.map((res) => (res && res.consumedPoints >= rl.points ? Math.ceil(res.msBeforeNext / 1000) : 0))
  )
}

export async function recordUnknownCode(req: MedusaRequest, cartId: string | null) {
  const rl = attemptLimiter(req)
  await Promise.all(attemptKeys(req, cartId).map((key) => rl.penalty(key, 1)))
}
