import { MedusaError } from "@medusajs/framework/utils"
import { DEFAULT_EXPIRING_SOON_DAYS, type WalletStatus } from "./lib/wallet"
import { walletExpirySql } from "./rule-sql"
import type { Sql } from "./sql-handle"

/**
 * The wallet's SQL (docs/rules.md §5), run by the coupon module service inside
 * its own connection or transaction (`knex`). One file, just over 300 lines,
 * because the status conditions and the counts must be read side by side to
 * stay in agreement. Statuses are decided here, in
 * this file only (STATUS_CONDITIONS for lists, COUNT_SQL for the counts; the
 * HTTP tests check that they agree):
 *
 * - used: the entry was spent by an order;
 * - expired: unused, and its expiry — the earlier of the entry's
 *   `expires_at` and the coupon's `ends_at`, so a coupon ended early ends
 *   its entries too — has passed;
 * - unused: neither (no expiry, or one still ahead);
 * - expiring_soon: unused and expiring within the store's expiring-soon
 *   days; these are counted in `unused` as well.
 *
 * Voided entries (the customer was blocked) and entries of deleted coupons
 * are not part of the wallet.
 */

const EXPIRY = walletExpirySql("e", "c")

/**
 * `now` (a parameter, so one request judges every entry at the same instant)
 * and the end of the expiring-soon window, read from the store settings in
 * the same statement (the settings' default when no row exists yet).
 */
const BOUNDS = `bounds AS (
  SELECT :now::timestamptz AS now,
         :now::timestamptz + make_interval(days => COALESCE(
           (SELECT s.expiring_soon_days FROM coupon_settings s WHERE s.deleted_at IS NULL ORDER BY s.created_at LIMIT 1),
           ${DEFAULT_EXPIRING_SOON_DAYS})) AS soon)`

const WALLET_FROM = `
  FROM coupon_wallet_entry e
  JOIN coupon c ON c.id = e.coupon_id AND c.deleted_at IS NULL
  CROSS JOIN bounds b
  WHERE e.customer_id = :customer AND e.deleted_at IS NULL AND e.state IN ('available', 'used')`

const STATUS_CONDITIONS: Record<WalletStatus, string> = {
  used: "e.state = 'used'",
  expired: `e.state = 'available' AND ${EXPIRY} <= b.now`,
  unused: `e.state = 'available' AND (${EXPIRY} IS NULL OR ${EXPIRY} > b.now)`,
  expiring_soon: `e.state = 'available' AND ${EXPIRY} > b.now AND ${EXPIRY} <= b.soon`,
}

export type WalletQuery = {
  customer_id: string
  status?: WalletStatus
  /** Only these entries (to show entries just created). */
  entry_ids?: string[]
  limit: number
  offset: number
  now: Date
}

export type WalletCounts = Record<WalletStatus, number>

export type WalletCouponRow = {
  id: string
  coupon_id: string
  code: string
  source: "admin" | "campaign" | "claim"
  status: WalletStatus
  received_at: Date
  expires_at: Date | null
  used_at: Date | null
  order_id: string | null
  title: string
  description: string | null
  type: "fixed" | "percentage"
  amount: string | null
  percentage: string | null
  max_discount: string | null
  min_spend: string | null
  currency_code: string | null
  renewal_applicable: boolean
  target: "items" | "shipping"
  min_quantity: number | null
  amounts: { currency_code: string; amount?: number | null; min_spend?: number | null; max_discount?: number | null }[] | null
}

/**
 * The counts per status without reading 10,000 rows one by one: four range
 * counts answered from IDX_coupon_wallet_customer_state alone (state, then
 * the entry's own expires_at), then a correction for the entries of the few
 * coupons whose end falls in or before the expiring-soon window or that were
 * deleted (read from IDX_coupon_wallet_customer_coupon): those move to the
 * status their coupon's end gives them, or out of the wallet.
 */
const COUNT_SQL = `WITH ${BOUNDS},
  special AS (
    SELECT c.id, c.ends_at, c.deleted_at IS NOT NULL AS gone FROM coupon c CROSS JOIN bounds b
    WHERE c.deleted_at IS NOT NULL OR c.ends_at <= b.soon),
  base AS (
    SELECT
      (SELECT count(*) FROM coupon_wallet_entry e WHERE e.customer_id = :customer AND e.deleted_at IS NULL
         AND e.state = 'used') AS used,
      (SELECT count(*) FROM coupon_wallet_entry e WHERE e.customer_id = :customer AND e.deleted_at IS NULL
         AND e.state = 'available') AS available,
      (SELECT count(*) FROM coupon_wallet_entry e WHERE e.customer_id = :customer AND e.deleted_at IS NULL
         AND e.state = 'available' AND e.expires_at <= b.now) AS expired,
      (SELECT count(*) FROM coupon_wallet_entry e WHERE e.customer_id = :customer AND e.deleted_at IS NULL
         AND e.state = 'available' AND e.expires_at > b.now AND e.expires_at <= b.soon) AS expiring_soon
    FROM bounds b),
  moved AS (
    SELECT
      count(*) FILTER (WHERE e.state = 'used' AND s.gone) AS used_gone,
      count(*) FILTER (WHERE e.state = 'available' AND s.gone) AS available_gone,
      count(*) FILTER (WHERE e.state = 'available' AND e.expires_at <= b.now) AS was_expired,
      count(*) FILTER (WHERE e.state = 'available' AND e.expires_at > b.now AND e.expires_at <= b.soon) AS was_soon,
      count(*) FILTER (WHERE e.state = 'available' AND NOT s.gone AND ${walletExpirySql("e", "s")} <= b.now) AS now_expired,
      count(*) FILTER (WHERE e.state = 'available' AND NOT s.gone
        AND ${walletExpirySql("e", "s")} > b.now AND ${walletExpirySql("e", "s")} <= b.soon) AS now_soon
    FROM special s
    JOIN coupon_wallet_entry e ON e.coupon_id = s.id AND e.customer_id = :customer
      AND e.deleted_at IS NULL AND e.state IN ('available', 'used')
    CROSS JOIN bounds b)
  SELECT (base.used - moved.used_gone)::int AS used,
         (base.expired - moved.was_expired + moved.now_expired)::int AS expired,
         (base.expiring_soon - moved.was_soon + moved.now_soon)::int AS expiring_soon,
         (base.available - moved.available_gone - base.expired + moved.was_expired - moved.now_expired)::int AS unused
  FROM base CROSS JOIN moved`

/**
 * A customer's wallet: the counts per status (COUNT_SQL) and one page of
 * entries, newest first (read in order from
 * IDX_coupon_wallet_customer_received, so a page does not sort the whole
 * wallet). The two statements run side by side.
 */
export async function queryWallet(knex: Sql, q: WalletQuery): Promise<{ rows: WalletCouponRow[]; counts: WalletCounts }> {
  const bindings: Record<string, unknown> = { now: q.now, customer: q.customer_id, limit: q.limit, offset: q.offset }
  const where: string[] = []
  if (q.status) {
    where.push(STATUS_CONDITIONS[q.status])
  }
  if (q.entry_ids) {
    q.entry_ids.forEach((id, i) => (bindings[`entry${i}`] = id))
    where.push(q.entry_ids.length ? `e.id IN (${q.entry_ids.map((_, i) => `:entry${i}`).join(", ")})` : "FALSE")
  }
  const pageSql = `WITH ${BOUNDS}
    SELECT e.id, e.coupon_id, e.code, e.source, e.received_at, ${EXPIRY} AS expires_at, e.used_at, e.order_id,
      c.title, c.description, c.type, c.amount, c.percentage, c.max_discount, c.min_spend, c.currency_code,
      c.renewal_applicable, c.target, c.min_quantity, c.amounts,
      CASE WHEN e.state = 'used' THEN 'used'
           WHEN ${EXPIRY} <= b.now THEN 'expired'
           WHEN ${EXPIRY} <= b.soon THEN 'expiring_soon'
           ELSE 'unused' END AS status
    ${WALLET_FROM} ${where.map((w) => `AND ${w}`).join(" ")}
    ORDER BY e.received_at DESC, e.id DESC
    LIMIT :limit OFFSET :offset`

  const [countResult, pageResult] = await Promise.all([
    knex.raw(COUNT_SQL, { now: q.now, customer: q.customer_id }),
    knex.raw(pageSql, bindings),
  ])
  const { used, expired, unused, expiring_soon } = countResult.rows[0]
  return { rows: pageResult.rows, counts: { used, expired, unused, expiring_soon } }
}

export type SerialReservation = { id: string; code: string; customer_id: string; newly_reserved: boolean }

/**
 * Who a serial code is reserved for: store customers (their wallets) or
 * campaign contacts without a store account (coupon_campaign_recipient ids).
 * A code is free while it has neither.
 */
export type SerialCodeHolders = { customer_ids: string[] } | { campaign_recipient_ids: string[] }

const holderColumnOf = (holders: SerialCodeHolders) =>
  "customer_ids" in holders
    ? { column: "customer_id" as const, ids: holders.customer_ids }
    : { column: "campaign_recipient_id" as const, ids: holders.campaign_recipient_ids }

/**
 * Reserves one free serial code of a coupon (one-time, never used, held by
 * no customer or contact) for each holder. Rows are locked with SKIP LOCKED
 * and the UPDATE is conditional on the code still being free, so two
 * assignments running at the same time never get the same code; when fewer
 * codes are free than needed, nothing is reserved. Each code comes back with
 * `holder_id`, the customer or recipient it went to.
 */
export async function reserveFreeSerialCodes(
  knex: Sql,
  input: { coupon_id: string; coupon_label: string } & SerialCodeHolders
): Promise<{ id: string; code: string; holder_id: string }[]> {
  const { column, ids } = holderColumnOf(input)
  const wanted = ids.map(() => "(?, ?::int)").join(", ")
  const result = await knex.raw(
    `WITH locked AS (
       SELECT id FROM coupon_code
       WHERE coupon_id = ? AND customer_id IS NULL AND campaign_recipient_id IS NULL
         AND usage_count = 0 AND max_uses = 1 AND deleted_at IS NULL
       LIMIT ? FOR UPDATE SKIP LOCKED
     ), numbered AS (
       SELECT id, row_number() OVER (ORDER BY id) AS n FROM locked
     ), wanted(holder_id, n) AS (VALUES ${wanted})
     UPDATE coupon_code cc SET ${column} = wanted.holder_id, updated_at = now()
     FROM numbered JOIN wanted ON wanted.n = numbered.n
     WHERE cc.id = numbered.id AND cc.customer_id IS NULL AND cc.campaign_recipient_id IS NULL
     RETURNING cc.id, cc.code, cc.${column} AS holder_id`,
    [input.coupon_id, ids.length, ...ids.flatMap((id, i) => [id, i + 1])]
  )
  const rows: { id: string; code: string; holder_id: string }[] = result.rows
  if (rows.length < ids.length) {
    // Thrown inside the transaction: the codes reserved above are given back.
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Coupon ${input.coupon_label} has no free serial code left: ${ids.length} needed, ${rows.length} free.`
    )
  }
  return rows
}

/**
 * Reserves one given serial code for a customer (a claim by code). A code
 * already reserved for that customer stays theirs; one in another wallet or
 * used up is refused.
 */
export async function reserveSerialCode(
  knex: Sql,
  input: { coupon_code_id: string; customer_id: string }
): Promise<SerialReservation> {
  const row = await knex("coupon_code")
    .where({ id: input.coupon_code_id, deleted_at: null })
    .forUpdate()
    .first("id", "code", "customer_id", "usage_count", "max_uses")
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Coupon code with id ${input.coupon_code_id} was not found.`)
  }
  if (row.customer_id && row.customer_id !== input.customer_id) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Coupon code ${row.code} belongs to another customer's wallet; coupons cannot be transferred.`
    )
  }
  if (row.usage_count >= row.max_uses) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Coupon code ${row.code} has already been used.`)
  }
  if (row.customer_id === input.customer_id) {
    return { id: row.id, code: row.code, customer_id: input.customer_id, newly_reserved: false }
  }
  await knex("coupon_code")
    .where({ id: row.id })
    .whereNull("customer_id")
    .update({ customer_id: input.customer_id, updated_at: knex.fn.now() })
  return { id: row.id, code: row.code, customer_id: input.customer_id, newly_reserved: true }
}

/**
 * Gives reserved serial codes back (compensation of a failed wallet grant or
 * contact redemption): each is freed of the customer or the campaign contact
 * it was reserved for, only while that one still holds it.
 */
export async function releaseSerialCodes(
  knex: Sql,
  reservations: ({ id: string; customer_id: string } | { id: string; campaign_recipient_id: string })[]
) {
  for (const r of reservations) {
    const column = "customer_id" in r ? "customer_id" : "campaign_recipient_id"
    const holder = "customer_id" in r ? r.customer_id : r.campaign_recipient_id
    await knex("coupon_code")
      .where({ id: r.id, [column]: holder })
      .update({ [column]: null, updated_at: knex.fn.now() })
  }
}

/**
 * An order was placed with a code from the customer's wallet: the entry
 * holding that code is spent by it (the unexpired one expiring first).
 * Runs once per order: a repeated `order.placed` marks nothing more.
 */
export async function markWalletEntryUsed(knex: Sql, input: { customer_id: string; code: string; order_id: string }) {
  const result = await knex.raw(
    `UPDATE coupon_wallet_entry SET state = 'used', used_at = now(), order_id = ?, updated_at = now()
     WHERE id = (
       SELECT id FROM coupon_wallet_entry
       WHERE customer_id = ? AND code = ? AND state = 'available' AND deleted_at IS NULL
       ORDER BY (expires_at IS NOT NULL AND expires_at <= now()), expires_at ASC NULLS LAST, received_at ASC, id ASC
       LIMIT 1 FOR UPDATE SKIP LOCKED
     ) AND state = 'available'
     AND NOT EXISTS (SELECT 1 FROM coupon_wallet_entry WHERE order_id = ? AND deleted_at IS NULL)
     RETURNING id`,
    [input.order_id, input.customer_id, input.code, input.order_id]
  )
  return (result.rows[0]?.id as string | undefined) ?? null
}

/**
 * Undoes markWalletEntryUsed when an order's use is given back (canceled
 * with `restore_usage_on_cancel`): the entry it spent is unused again, and
 * shows as expired instead if its time ran out meanwhile.
 */
export async function restoreWalletEntryOfOrder(knex: Sql, orderId: string): Promise<string | null> {
  const result = await knex.raw(
    `UPDATE coupon_wallet_entry SET state = 'available', used_at = NULL, order_id = NULL, updated_at = now()
     WHERE order_id = ? AND state = 'used' AND deleted_at IS NULL
     RETURNING id`,
    [orderId]
  )
  return (result.rows[0]?.id as string | undefined) ?? null
}
