/**
 * The rules of lib/ that SQL restates, so a list, count or limit is decided
 * in one statement instead of row by row in TypeScript. Each fragment names
 * the function it restates; integration-tests/http/rule-sql.spec.ts runs
 * each on PostgreSQL over random inputs and checks it agrees with that
 * function. `now` is an SQL expression (`now()` unless given).
 */
import { CART_HAS_ORDER } from "./reconcile-queries"

/** lib/coupon-status.ts: `couponStatus(c, now) === "active"` (paused, scheduled and ended coupons are not). */
export const couponActiveSql = (c: string, now = "now()") =>
  `(${c}.is_active AND (${c}.starts_at IS NULL OR ${c}.starts_at <= ${now}) AND (${c}.ends_at IS NULL OR ${c}.ends_at > ${now}))`

/**
 * lib/wallet.ts `walletEntryExpiry`: the earlier of the entry's own expiry
 * and the coupon's end (LEAST ignores a null), so a coupon ended early ends
 * its wallet entries too; null when neither limits it.
 */
export const walletExpirySql = (e: string, c: string) => `LEAST(${e}.expires_at, ${c}.ends_at)`

/**
 * lib/coupon-use.ts `isLiveUse`, for `r` = coupon_redemption: redeemed, or
 * held and (its hold not run out, or its cart became an order).
 */
export const liveUseSql = (r: string, { now = "now()", cartHasOrder = CART_HAS_ORDER } = {}) =>
  `(${r}.status = 'redeemed' OR (${r}.status = 'held' AND (${r}.hold_expires_at > ${now} OR ${cartHasOrder})))`
