/*
 * The uses of coupons (docs/rules.md §4) in SQL: claiming one at completion
 * under the coupon's row lock, the snapshot the cart judges limits with,
 * releasing holds, spending uses by their orders, settling canceled or
 * refunded orders. The service (service.ts) opens the transaction and hands
 * over `announce`, which queues an event to be sent once it has committed.
 * Long because the claim — its one-statement common case and its locked
 * sequence — is best read in one place.
 */
import { generateEntityId } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { refuse } from "./errors"
import { CouponEventName, CouponEvents, RedemptionReleaseReason } from "./events"
import { couponClosedRefusal, usageLimitMessage } from "./lib/evaluate-coupon"
import { CART_HAS_ORDER, ORDER_CART_MARKER, ReconciledUse, redeemHeldUsesWithOrders, ReconcileScope } from "./reconcile-queries"
import { couponActiveSql, liveUseSql } from "./rule-sql"
import type { Sql } from "./sql-handle"
import { markWalletEntryUsed, restoreWalletEntryOfOrder } from "./wallet-queries"

/** Queues an event for after the caller's transaction commits (service.ts, @EmitAfterCommit). */
export type Announce = (eventName: CouponEventName, data: Record<string, unknown>) => void

export type ClaimRedemptionInput = {
  coupon_id: string
  coupon_code_id: string | null
  code: string
  cart_id: string
  customer_id: string | null
  email: string | null
  currency_code: string
  discount_total: number
  allocations: { item_id: string; amount: number }[]
  hold_minutes: number
}

export type UsageSnapshotInput = {
  coupon_id: string
  cart_id: string
  customer_id: string | null
  email: string | null
  coupon_code_id: string | null
}

export type UsageSnapshot = { total: number; by_customer: number; by_code: number; earliest_hold_release: Date | null }

/** A full coupon's refusal: held (and when it may free up) or reached. */
function usageLimitRefusal(code: string, heldUntil: Date | string | null) {
  const until = heldUntil ? new Date(heldUntil) : null
  return until
    ? refuse("coupon_held", usageLimitMessage(code, until), { frees_up_at: until.toISOString() })
    : refuse("usage_limit_reached", usageLimitMessage(code, null))
}

/** Whether cart `cart` (an SQL expression) holds or spent a use: its claim gets that use back. */
const cartHasUseSql = (cart: string) =>
  `EXISTS (SELECT 1 FROM coupon_redemption r WHERE r.cart_id = ${cart} AND r.status IN ('held', 'redeemed') AND r.deleted_at IS NULL)`

/** Whether coupon `c` has a hold that ran out: a claim releases it first, which may make room. */
const runOutHoldSql = (c: string) =>
  `EXISTS (SELECT 1 FROM coupon_redemption r WHERE r.coupon_id = ${c}.id AND r.status = 'held' AND r.hold_expires_at < now() AND r.deleted_at IS NULL)`

/**
 * The refusal a completing cart's claim is bound to get because its coupon
 * is used up, or null when that is not certain. Certain when the cart is
 * not completed, its coupon is live and open (claimUse refuses a closed one
 * with its own reason first), at its limit, without a hold that ran out
 * (releasing it would make room) and the cart holds no use of it (a retry
 * gets that use back). One read, no lock: the limit only frees up by
 * releases, and a refusal read before one commits is the refusal a claim
 * that took the lock before it would get. Lets the completion route answer a flash
 * sale's late shoppers at once instead of after Medusa has read, checked and
 * undone their checkout (docs/rules.md §4).
 */
export async function usedUpCouponRefusal(knex: Sql, cartId: string): Promise<Error | null> {
  const { rows } = await knex.raw(
    `SELECT cc.code,
            (SELECT min(r.hold_expires_at) FROM coupon_redemption r
              WHERE r.coupon_id = c.id AND r.status = 'held' AND r.deleted_at IS NULL) AS held_until
       FROM coupon_cart cc
       JOIN coupon c ON c.id = cc.coupon_id
       JOIN cart ON cart.id = cc.cart_id
      WHERE cc.cart_id = :cart_id AND cc.status = 'applied' AND cc.deleted_at IS NULL
        AND cart.completed_at IS NULL
        AND c.deleted_at IS NULL AND ${couponActiveSql("c")}
        AND c.usage_limit IS NOT NULL AND c.usage_count >= c.usage_limit
        AND NOT ${cartHasUseSql(":cart_id")} AND NOT ${runOutHoldSql("c")}`,
    { cart_id: cartId }
  )
  return rows[0] ? usageLimitRefusal(rows[0].code, rows[0].held_until) : null
}

/**
 * A claim in one statement, for the common case: a shared code (no serial),
 * no per-customer limit, the coupon active and not full, no hold of it run
 * out (which a claim would have to release) and no use of this cart yet (a
 * retry reuses it). The coupon row is locked, its count raised and the use
 * recorded `held` in one autocommit statement, so the lock is held for that
 * statement alone, not across round trips: on a hot coupon, claims pass the
 * lock one after another that much faster. When the row changed while the
 * statement waited for it, PostgreSQL checks the conditions again on the
 * row as committed (the limit included). Answers null when any condition
 * fails; claimUse then decides, under the lock, with every rule.
 */
export async function claimInOneStatement(knex: Sql, input: ClaimRedemptionInput): Promise<{ id: string; reused: false } | null> {
  if (input.coupon_code_id) return null
  const id = generateEntityId(undefined, "credm")
  const { rows } = await knex.raw(
    `WITH claimable AS (
       SELECT c.id FROM coupon c
        WHERE c.id = :coupon_id AND c.deleted_at IS NULL AND ${couponActiveSql("c")}
          AND c.usage_limit_per_customer IS NULL
          AND (c.usage_limit IS NULL OR c.usage_count < c.usage_limit)
          AND NOT ${cartHasUseSql(":cart_id")} AND NOT ${runOutHoldSql("c")}
        FOR UPDATE OF c),
     counted AS (
       UPDATE coupon SET usage_count = usage_count + 1 FROM claimable WHERE coupon.id = claimable.id RETURNING coupon.id)
     INSERT INTO coupon_redemption (id, status, code, coupon_id, coupon_code_id, cart_id, customer_id, email,
                                    currency_code, discount_total, raw_discount_total, allocations, hold_expires_at)
     SELECT :id, :status, :code, counted.id, NULL, :cart_id, :customer_id, :email,
            :currency_code, :discount_total, CAST(:raw_discount_total AS jsonb), CAST(:allocations AS jsonb), :hold_expires_at
       FROM counted
     RETURNING id`,
    heldUseRow(input, id, new Date(Date.now() + input.hold_minutes * 60_000))
  )
  return rows.length ? { id, reused: false } : null
}

/**
 * Counts one use of a coupon for a cart being completed, in PostgreSQL so
 * limits hold across concurrent completions and instances: the coupon row is
 * locked for the rest of the transaction, expired holds are released, the
 * limits are re-read under the lock and the counters are raised with
 * conditional updates. The use starts `held` until the order exists. A cart
 * that already holds a use (a retry after a failed payment, or a second
 * completion) gets that use back instead of a new one.
 */
export async function claimUse(
  knex: Knex.Transaction,
  input: ClaimRedemptionInput,
  announce: Announce,
  /** Told whether uses were marked as spent by orders (a refusal rolls that back). */
  attempt: { spent_uses: boolean } = { spent_uses: false }
): Promise<{ id: string; reused: boolean }> {
  await knex.raw("SET LOCAL lock_timeout = '15s'")
  // Few statements while the lock is held: the row is read as it is locked,
  // this cart's live use and the coupon's run-out holds in one read.
  // A claim in a rush: lock, one read, the count and the use in one statement.
  let coupon = (await knex.raw("SELECT * FROM coupon WHERE id = ? FOR UPDATE", [input.coupon_id])).rows[0]
  // The coupon as it is at claim time, under its lock (deleted, paused or
  // outside its window since the cart was judged): refused like judging would.
  const closed = couponClosedRefusal(input.code, coupon && !coupon.deleted_at ? coupon : null, new Date())
  if (closed) throw refuse(closed.rule, closed.message)
  const holdUntil = new Date(Date.now() + input.hold_minutes * 60_000)
  const readUses = async () =>
    (
      await knex.raw(
        `SELECT *, (status = 'held' AND hold_expires_at < now()) AS hold_ran_out FROM coupon_redemption
         WHERE deleted_at IS NULL
           AND ((cart_id = ? AND status IN ('held', 'redeemed')) OR (coupon_id = ? AND status = 'held' AND hold_expires_at < now()))`,
        [input.cart_id, input.coupon_id]
      )
    ).rows as any[]
  let redemptions = await readUses()
  // Held uses whose cart became an order are that order's (its order.placed
  // event may have died with its process): marked redeemed before a
  // run-out hold, or this cart's own use, below is given back or reused, so
  // they are never released by time. Only when there is one: in a rush
  // there is none, and marking scans every held use of the coupon while
  // every other claim waits for the lock.
  if (redemptions.length) {
    attempt.spent_uses = (await spendUsesWithOrders(knex, { coupon_id: input.coupon_id }, announce)).length > 0
    redemptions = await readUses()
  }
  const live = redemptions.find((r: any) => r.cart_id === input.cart_id)
  if (live && live.coupon_id === input.coupon_id && live.code === input.code) {
    await knex("coupon_redemption")
      .where({ id: live.id })
      .update({
        discount_total: input.discount_total,
        raw_discount_total: rawNumber(input.discount_total),
        allocations: JSON.stringify(input.allocations),
        hold_expires_at: live.status === "held" ? holdUntil : live.hold_expires_at,
        updated_at: knex.fn.now(),
      })
    return { id: live.id, reused: true }
  }
  // The cart's use of another coupon (it changed coupon since its last
  // attempt) is given back, and so are this coupon's holds that ran out.
  const released = redemptions.filter(
    (r: any) => r === live || (r.coupon_id === input.coupon_id && r.hold_ran_out)
  )
  if (released.length) {
    await releaseRedemptions(knex, released, announce, (r) => (r === live ? "coupon_changed" : "hold_expired"))
    coupon = await knex("coupon").where({ id: input.coupon_id }).first()
  }

  if (coupon.usage_limit !== null && coupon.usage_count >= coupon.usage_limit) {
    const hold = await knex("coupon_redemption")
      .where({ coupon_id: input.coupon_id, status: "held", deleted_at: null })
      .min("hold_expires_at as until")
      .first()
    throw usageLimitRefusal(input.code, hold?.until ?? null)
  }
  if (coupon.usage_limit_per_customer !== null && (input.customer_id || input.email)) {
    const [{ count }] = await knex("coupon_redemption")
      .where({ coupon_id: input.coupon_id, deleted_at: null })
      .whereIn("status", ["held", "redeemed"])
      .where((q: any) => {
        if (input.customer_id) q.orWhere("customer_id", input.customer_id)
        if (input.email) q.orWhere("email", input.email)
      })
      .count("id as count")
    if (Number(count) >= coupon.usage_limit_per_customer) {
      throw refuse(
        "customer_limit_reached",
        `Coupon ${input.code} has already been used by this customer (limit ${coupon.usage_limit_per_customer} per customer).`
      )
    }
  }
  if (input.coupon_code_id) {
    const claimed = await knex("coupon_code")
      .where({ id: input.coupon_code_id })
      .whereRaw("usage_count < max_uses")
      .increment("usage_count", 1)
    if (!claimed) {
      throw refuse("usage_limit_reached", `Coupon code ${input.code} has already been used.`)
    }
  }
  // The use counted on the coupon and recorded in one statement.
  const id = generateEntityId(undefined, "credm")
  const record = knex("coupon_redemption")
    .insert(heldUseRow(input, id, holdUntil))
    .toSQL()
  await knex.raw(`WITH counted AS (UPDATE coupon SET usage_count = usage_count + 1 WHERE id = ?) ${record.sql}`, [
    input.coupon_id,
    ...record.bindings,
  ])
  return { id, reused: false }
}

/**
 * Gives back a use that claimRedemption just created, when the workflow
 * that claimed it is undone (claimCouponAtCompletionWorkflow's compensation).
 * Only a use still held: one its order already spent stays.
 */
export async function releaseClaimedUse(knex: Knex.Transaction, id: string, announce: Announce): Promise<boolean> {
  const use = await knex("coupon_redemption").where({ id, status: "held", deleted_at: null }).first()
  if (!use) return false
  await knex.raw("SELECT id FROM coupon WHERE id = ? FOR UPDATE", [use.coupon_id])
  const held = await knex("coupon_redemption").where({ id, status: "held", deleted_at: null }).first()
  if (!held) return false
  await releaseRedemptions(knex, [held], announce, () => "claim_undone")
  return true
}

/**
 * Uses of a coupon by carts other than `cart_id`, counted as completion
 * will count them (claimRedemption): in `total` every use the coupon keeps
 * (redeemed, holds that have not expired, canceled or refunded orders that
 * keep their use); per customer and per serial code, redeemed uses and
 * holds that have not expired (docs/rules.md §4). One query of index lookups,
 * whatever the number of past uses.
 */
export async function usageSnapshot(
  knex: Sql,
  input: UsageSnapshotInput
): Promise<UsageSnapshot> {
  // A held use whose cart has an order counts whatever its hold says (see reconcile-queries.ts).
  const live = liveUseSql("r")
  // `total` starts from the count completion claims against (coupon.usage_count,
  // which keeps the uses of canceled orders), less the holds that ran out and
  // this cart's own use; no read grows with the number of past uses.
  const {
    rows: [row],
  } = await knex.raw(
    `SELECT
       c.usage_count
         - (SELECT count(*) FROM coupon_redemption r
             WHERE r.coupon_id = c.id AND r.status = 'held' AND r.hold_expires_at <= now() AND r.deleted_at IS NULL
               AND NOT ${CART_HAS_ORDER})
         - (SELECT count(*) FROM coupon_redemption r
             WHERE r.cart_id = :cart_id AND r.coupon_id = c.id AND ${live} AND r.deleted_at IS NULL) AS total,
       (SELECT count(*) FROM coupon_redemption r
         WHERE r.coupon_id = c.id AND r.cart_id <> :cart_id AND ${live} AND r.deleted_at IS NULL
           AND (r.customer_id = :customer_id OR r.email = :email)) AS by_customer,
       (SELECT count(*) FROM coupon_redemption r
         WHERE r.coupon_code_id = :coupon_code_id AND r.cart_id <> :cart_id AND ${live} AND r.deleted_at IS NULL) AS by_code,
       (SELECT min(r.hold_expires_at) FROM coupon_redemption r
         WHERE r.coupon_id = c.id AND r.status = 'held' AND r.hold_expires_at > now() AND r.deleted_at IS NULL) AS earliest_hold_release
     FROM coupon c WHERE c.id = :coupon_id`,
    {
      coupon_id: input.coupon_id,
      cart_id: input.cart_id,
      customer_id: input.customer_id,
      email: input.email,
      coupon_code_id: input.coupon_code_id,
    }
  )
  if (!row) return { total: 0, by_customer: 0, by_code: 0, earliest_hold_release: null }
  return {
    total: Number(row.total),
    by_customer: Number(row.by_customer),
    by_code: Number(row.by_code),
    earliest_hold_release: row.earliest_hold_release ? new Date(row.earliest_hold_release) : null,
  }
}

/**
 * The sweep: held uses whose cart became an order are marked redeemed by
 * it, then every use whose payment hold ran out is freed (all coupons).
 * Each coupon's row is locked first, as claimRedemption locks it, so the
 * two never wait on each other in opposite orders.
 */
export async function releaseExpiredHolds(knex: Knex.Transaction, announce: Announce): Promise<{ released: number; redeemed: number }> {
  const couponIds: { coupon_id: string }[] = await knex("coupon_redemption")
    .distinct("coupon_id")
    .where({ status: "held", deleted_at: null })
    .orderBy("coupon_id")
  let released = 0
  let redeemed = 0
  for (const { coupon_id } of couponIds) {
    await knex.raw("SELECT id FROM coupon WHERE id = ? FOR UPDATE", [coupon_id])
    redeemed += (await spendUsesWithOrders(knex, { coupon_id }, announce)).length
    released += await releaseExpiredHoldsOf(knex, coupon_id, announce)
  }
  return { released, redeemed }
}

/** redeemHeldUsesWithOrders, and the wallet entry each such use spent is used. */
export async function spendUsesWithOrders(knex: Sql, scope: ReconcileScope, announce: Announce): Promise<ReconciledUse[]> {
  const spent = await redeemHeldUsesWithOrders(knex, scope)
  for (const use of spent) {
    // Spent by its order here rather than by the order.placed subscriber: announced the same.
    announce(CouponEvents.REDEEMED, redemptionEventData(use))
    if (use.customer_id) {
      await markWalletEntryUsed(knex, { customer_id: use.customer_id, code: use.code, order_id: use.order_id })
    }
  }
  return spent
}

async function releaseExpiredHoldsOf(knex: Sql, couponId: string, announce: Announce): Promise<number> {
  const expired = await knex("coupon_redemption")
    .where({ coupon_id: couponId, status: "held", deleted_at: null })
    .where("hold_expires_at", "<", knex.fn.now())
  await releaseRedemptions(knex, expired, announce, () => "hold_expired")
  return expired.length
}

/**
 * Gives uses back to their coupon and serial code. Caller holds the coupon
 * row lock and is an @EmitAfterCommit method: each release is announced once
 * the caller's transaction has committed.
 */
async function releaseRedemptions<R extends { id: string; coupon_id: string; coupon_code_id: string | null }>(
  knex: Sql,
  redemptions: R[],
  announce: Announce,
  reasonOf: (redemption: R) => RedemptionReleaseReason
) {
  for (const r of redemptions) {
    announce(CouponEvents.REDEMPTION_RELEASED, redemptionEventData(r, { reason: reasonOf(r) }))
    await knex("coupon_redemption")
      .where({ id: r.id })
      .update({ status: "released", hold_expires_at: null, updated_at: knex.fn.now() })
    await knex("coupon").where({ id: r.coupon_id }).where("usage_count", ">", 0).decrement("usage_count", 1)
    if (r.coupon_code_id) {
      await knex("coupon_code")
        .where({ id: r.coupon_code_id })
        .where("usage_count", ">", 0)
        .decrement("usage_count", 1)
    }
  }
}

/**
 * An order carrying a coupon was canceled or fully refunded: the use is
 * kept (recorded as such) unless the merchant asked to give it back.
 */
export async function settleOrderUse(
  knex: Knex.Transaction,
  orderId: string,
  outcome: "canceled" | "refunded",
  restoreUsage: boolean,
  announce: Announce
): Promise<{ id: string; status: string } | null> {
  // The order's use may still be held without it (its order.placed event
  // was lost): found through the order's cart (its link, or the marker the
  // order carries when the link was never written), then spent by the
  // order under the coupon's lock before it is settled.
  const {
    rows: [orphan],
  } = await knex.raw(
    `SELECT r.coupon_id, r.cart_id FROM coupon_redemption r
      WHERE r.cart_id = COALESCE(
              (SELECT oc.cart_id FROM order_cart oc WHERE oc.order_id = :order AND oc.deleted_at IS NULL LIMIT 1),
              (SELECT o.metadata->>'${ORDER_CART_MARKER}' FROM "order" o WHERE o.id = :order))
        AND r.status = 'held' AND r.deleted_at IS NULL LIMIT 1`,
    { order: orderId }
  )
  if (orphan) {
    await knex.raw("SELECT id FROM coupon WHERE id = ? FOR UPDATE", [orphan.coupon_id])
    await spendUsesWithOrders(knex, { cart_id: orphan.cart_id, order_id: orderId }, announce)
  }
  const redemption = await knex("coupon_redemption")
    .where({ order_id: orderId, deleted_at: null })
    .whereIn("status", ["held", "redeemed"])
    .first()
  if (!redemption) return null
  if (outcome === "refunded") {
    announce(CouponEvents.REDEMPTION_REFUNDED, redemptionEventData(redemption))
  }
  if (restoreUsage) {
    await knex.raw("SELECT id FROM coupon WHERE id = ? FOR UPDATE", [redemption.coupon_id])
    await releaseRedemptions(knex, [redemption], announce, () => outcome)
    // The use is given back: so is the wallet coupon the order spent.
    await restoreWalletEntryOfOrder(knex, orderId)
    return { id: redemption.id, status: "released" }
  }
  await knex("coupon_redemption")
    .where({ id: redemption.id })
    .update({ status: outcome, updated_at: knex.fn.now() })
  return { id: redemption.id, status: outcome }
}

/**
 * Marks the use of a completed cart as spent by its order; announces
 * `coupon.redeemed` the first time only (an `order.placed` delivered twice
 * finds it redeemed already).
 */
export async function markUseRedeemed(
  knex: Knex.Transaction,
  cartId: string,
  orderId: string,
  announce: Announce
): Promise<{ id: string; coupon_id: string } | null> {
  const before = await knex("coupon_redemption")
    .where({ cart_id: cartId, deleted_at: null })
    .whereIn("status", ["held", "redeemed"])
    .forUpdate()
    .first("id", "status")
  if (!before) return null
  const [row] = await knex("coupon_redemption")
    .where({ id: before.id })
    .update({ status: "redeemed", order_id: orderId, hold_expires_at: null, updated_at: knex.fn.now() })
    .returning("*")
  if (row?.customer_id) {
    // A code from the customer's wallet: that entry is now used.
    await markWalletEntryUsed(knex, { customer_id: row.customer_id, code: row.code, order_id: orderId })
  }
  if (before.status === "held") {
    announce(CouponEvents.REDEEMED, redemptionEventData(row))
  }
  return row ? { id: row.id, coupon_id: row.coupon_id } : null
}

/** The row of the use a claim records: held for the cart until `holdUntil`. */
function heldUseRow(input: ClaimRedemptionInput, id: string, holdUntil: Date) {
  return {
    id,
    status: "held",
    code: input.code,
    coupon_id: input.coupon_id,
    coupon_code_id: input.coupon_code_id,
    cart_id: input.cart_id,
    customer_id: input.customer_id,
    email: input.email,
    currency_code: input.currency_code,
    discount_total: input.discount_total,
    raw_discount_total: rawNumber(input.discount_total),
    allocations: JSON.stringify(input.allocations),
    hold_expires_at: holdUntil,
  }
}

/** The `raw_*` companion Medusa keeps beside every big-number column. */
function rawNumber(value: number) {
  return JSON.stringify({ value: String(value), precision: 20 })
}


/** The payload of a redemption event (docs/events.md); money in major units. */
function redemptionEventData(r: any, extra: Record<string, unknown> = {}) {
  return {
    id: r.id,
    coupon_id: r.coupon_id,
    code: r.code,
    coupon_code_id: r.coupon_code_id ?? null,
    cart_id: r.cart_id ?? null,
    order_id: r.order_id ?? null,
    customer_id: r.customer_id ?? null,
    currency_code: r.currency_code ?? null,
    discount_total: r.discount_total == null ? null : Number(r.discount_total),
    ...extra,
  }
}
