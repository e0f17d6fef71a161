import type { Sql } from "./sql-handle"
/**
 * The consistency check a merchant can run (GET /admin/coupon-consistency,
 * `medusa exec ./src/scripts/check-coupon-consistency.ts`): the counters
 * the plugin keeps for speed against the uses they summarise. Reads only.
 *
 * A use counts on its coupon (and serial code) from its claim until it is
 * released: `held`, `redeemed`, and `canceled` / `refunded` (an order that
 * keeps its use) count; `released` does not (service.claimRedemption,
 * releaseRedemptions_, settleOrderRedemption).
 */
export type Drift = {
  kind:
    | "coupon_usage_count"
    | "code_usage_count"
    | "code_over_max_uses"
    | "wallet_used_without_use"
    | "wallet_unused_but_spent"
    | "held_use_with_order"
  id: string
  expected?: number | string | null
  actual?: number | string | null
  message: string
}

export type ConsistencyReport = {
  ok: boolean
  checked: { coupons: number; codes: number; wallet_entries: number; uses: number }
  drift: Drift[]
}

const COUNTED = "('held', 'redeemed', 'canceled', 'refunded')"
const SPENT = "('redeemed', 'canceled', 'refunded')"
/** At most this many drift rows of each kind are listed; `ok` is false whatever the number. */
const MAX_ROWS = 200

export async function checkConsistency(knex: Sql): Promise<ConsistencyReport> {
  const drift: Drift[] = []
  const rows = async (sql: string) => (await knex.raw(`${sql} LIMIT ${MAX_ROWS}`)).rows as any[]

  for (const r of await rows(
    `SELECT c.id, c.code, c.usage_count AS actual, count(r.id) AS expected
       FROM coupon c LEFT JOIN coupon_redemption r ON r.coupon_id = c.id AND r.deleted_at IS NULL AND r.status IN ${COUNTED}
      WHERE c.deleted_at IS NULL GROUP BY c.id HAVING c.usage_count <> count(r.id) ORDER BY c.id`
  )) {
    drift.push({
      kind: "coupon_usage_count",
      id: r.id,
      expected: Number(r.expected),
      actual: Number(r.actual),
      message: `Coupon ${r.code ?? r.id} counts ${r.actual} uses; its live uses are ${r.expected}.`,
    })
  }
  for (const r of await rows(
    `SELECT k.id, k.code, k.usage_count AS actual, k.max_uses, count(r.id) AS expected
       FROM coupon_code k LEFT JOIN coupon_redemption r ON r.coupon_code_id = k.id AND r.deleted_at IS NULL AND r.status IN ${COUNTED}
      WHERE k.deleted_at IS NULL AND (k.usage_count > 0 OR EXISTS (SELECT 1 FROM coupon_redemption x WHERE x.coupon_code_id = k.id))
      GROUP BY k.id HAVING k.usage_count <> count(r.id) OR count(r.id) > k.max_uses ORDER BY k.id`
  )) {
    const [expected, actual] = [Number(r.expected), Number(r.actual)]
    if (expected !== actual) {
      drift.push({ kind: "code_usage_count", id: r.id, expected, actual, message: `Serial code ${r.code} counts ${actual} uses; its live uses are ${expected}.` })
    }
    if (expected > r.max_uses) {
      drift.push({ kind: "code_over_max_uses", id: r.id, expected: r.max_uses, actual: expected, message: `Serial code ${r.code} has ${expected} live uses; it allows ${r.max_uses}.` })
    }
  }
  for (const r of await rows(
    `SELECT e.id, e.code, e.order_id FROM coupon_wallet_entry e
      WHERE e.deleted_at IS NULL AND e.state = 'used'
        AND NOT EXISTS (SELECT 1 FROM coupon_redemption r WHERE r.order_id = e.order_id AND r.deleted_at IS NULL AND r.status IN ${SPENT})
      ORDER BY e.id`
  )) {
    drift.push({
      kind: "wallet_used_without_use",
      id: r.id,
      expected: "available",
      actual: "used",
      message: `Wallet entry ${r.id} (${r.code}) is used by order ${r.order_id ?? "(none)"}, which has no use of a coupon.`,
    })
  }
  for (const r of await rows(
    `SELECT e.id, e.code, r.order_id FROM coupon_redemption r
       JOIN coupon_wallet_entry e ON e.customer_id = r.customer_id AND e.code = r.code AND e.deleted_at IS NULL
        AND e.state = 'available' AND e.received_at <= r.created_at
      WHERE r.deleted_at IS NULL AND r.status IN ${SPENT} AND r.order_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM coupon_wallet_entry w WHERE w.order_id = r.order_id AND w.deleted_at IS NULL)
      ORDER BY e.id`
  )) {
    drift.push({
      kind: "wallet_unused_but_spent",
      id: r.id,
      expected: "used",
      actual: "available",
      message: `Wallet entry ${r.id} (${r.code}) is unused, but order ${r.order_id} spent that code.`,
    })
  }
  for (const r of await rows(
    `SELECT r.id, r.code, oc.order_id FROM coupon_redemption r
       JOIN order_cart oc ON oc.cart_id = r.cart_id AND oc.deleted_at IS NULL
       JOIN "order" o ON o.id = oc.order_id AND o.deleted_at IS NULL
      WHERE r.deleted_at IS NULL AND r.status = 'held'
        -- not a completion still in flight (its order.placed event is on its way)
        AND r.updated_at < now() - interval '5 minutes'
      ORDER BY r.id`
  )) {
    drift.push({
      kind: "held_use_with_order",
      id: r.id,
      expected: "redeemed",
      actual: "held",
      message: `The use ${r.id} of ${r.code} is held, but its cart became order ${r.order_id} (the hold sweep marks it redeemed).`,
    })
  }

  const {
    rows: [counts],
  } = await knex.raw(
    `SELECT (SELECT count(*) FROM coupon WHERE deleted_at IS NULL) AS coupons,
            (SELECT count(*) FROM coupon_code WHERE deleted_at IS NULL) AS codes,
            (SELECT count(*) FROM coupon_wallet_entry WHERE deleted_at IS NULL) AS wallet_entries,
            (SELECT count(*) FROM coupon_redemption WHERE deleted_at IS NULL) AS uses`
  )
  return {
    ok: drift.length === 0,
    checked: {
      coupons: Number(counts.coupons),
      codes: Number(counts.codes),
      wallet_entries: Number(counts.wallet_entries),
      uses: Number(counts.uses),
    },
    drift,
  }
}
