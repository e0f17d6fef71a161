/**
 * The reads checkout makes on every cart change and every judgement of a
 * code, as plain SQL run by the coupon module service on its own connection:
 * through the ORM each cost about 1.3 ms of CPU, here about 0.3 ms. Rows come
 * back as stored, column for column, as the ORM would list them.
 */

import { interruptedOrderSql } from "./reconcile-queries"
import { couponActiveSql } from "./rule-sql"
import type { Sql } from "./sql-handle"

/** The store settings row (the oldest, should there ever be two), or null before the first read created it. */
export async function readSettingsRow(knex: Sql) {
  const row = await knex("coupon_settings").whereNull("deleted_at").orderBy("created_at", "asc").first()
  return row ?? null
}

export type CartCouponRow = {
  id: string
  cart_id: string
  coupon_id: string
  code: string
  coupon_code_id: string | null
  status: "applied" | "removed"
  removed_reason: string | null
  suspended_promo_codes: string[]
  cart_fingerprint: string | null
  allocations: { item_id: string; amount: number }[] | null
  /**
   * Read with the row: coupons are enabled in the store, and the coupon
   * exists, is active, is inside its window now and was not edited since
   * this row's split was written. A refresh of an unchanged cart reuses the
   * split only while this holds, so a coupon paused, ended or changed since
   * it was applied is judged again at the next cart change, not only at
   * completion (which would refuse a split that no longer matches).
   */
  split_current: boolean
}

/**
 * What a completing cart's claim reads with its coupon row (claimFor):
 * `stands_unjudged`, nothing outside the cart's fingerprint the coupon's
 * verdict depends on changed since the split was written — the split is
 * current, the settings were not edited since, the code is the coupon's
 * shared code, the coupon has no rule reading other tables (first order
 * only, customer groups, categories), no line's product or product type
 * was edited or deleted since, and the customer is not blocked; the
 * coupon's `target` and the settings' payment hold minutes.
 */
export type ClaimCartCouponRow = CartCouponRow & {
  stands_unjudged: boolean
  /** An order a killed completion of this cart left behind exists (reconcile-queries.ts). */
  has_interrupted_order: boolean
  coupon_target: string | null
  payment_hold_minutes: number | null
}

/** The coupon row of a cart (applied, or removed by a cart change), or null. */
export async function readCartCoupon(knex: Sql, cartId: string): Promise<CartCouponRow | null>
export async function readCartCoupon(
  knex: Sql,
  cartId: string,
  claimFor: { customer_id: string | null }
): Promise<ClaimCartCouponRow | null>
export async function readCartCoupon(
  knex: Sql,
  cartId: string,
  claimFor?: { customer_id: string | null }
): Promise<CartCouponRow | null> {
  const splitCurrent = `(c.id IS NOT NULL AND c.deleted_at IS NULL AND ${couponActiveSql("c")}
        AND c.updated_at <= cc.updated_at
        AND COALESCE(s.enabled, true))`
  const claimColumns = claimFor
    ? `, c.target AS coupon_target, s.payment_hold_minutes,
       (${splitCurrent}
        AND s.updated_at <= cc.updated_at
        AND cc.coupon_code_id IS NULL
        AND NOT c.first_order_only
        AND COALESCE(cardinality(c.customer_group_ids), 0) = 0
        AND COALESCE(cardinality(c.category_ids), 0) = 0
        AND NOT EXISTS (
          SELECT 1 FROM cart_line_item li
            LEFT JOIN product p ON p.id = li.product_id
            LEFT JOIN product_type pt ON pt.id = p.type_id
          WHERE li.cart_id = cc.cart_id AND li.deleted_at IS NULL AND li.product_id IS NOT NULL
            AND (p.id IS NULL OR p.deleted_at IS NOT NULL OR p.updated_at > cc.updated_at OR pt.updated_at > cc.updated_at))
        AND NOT EXISTS (SELECT 1 FROM coupon_blocklist_entry b WHERE b.customer_id = ? AND b.deleted_at IS NULL)
       ) AS stands_unjudged,
       EXISTS (SELECT 1 FROM "order" o WHERE ${interruptedOrderSql("o", "cc.cart_id")}) AS has_interrupted_order`
    : ""
  const {
    rows: [row],
  } = await knex.raw(
    `SELECT cc.*, ${splitCurrent} AS split_current${claimColumns}
     FROM coupon_cart cc
       LEFT JOIN coupon c ON c.id = cc.coupon_id
       LEFT JOIN LATERAL (SELECT * FROM coupon_settings WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1) s ON true
     WHERE cc.cart_id = ? AND cc.deleted_at IS NULL
     LIMIT 1`,
    claimFor ? [claimFor.customer_id ?? "", cartId] : [cartId]
  )
  return row ?? null
}

/** The live serial code written `code` (stored upper-case), or null. */
export async function readSerialCode(knex: Sql, code: string) {
  const row = await knex("coupon_code").where({ code }).whereNull("deleted_at").first()
  return row ?? null
}

export async function isCustomerBlocked(knex: Sql, customerId: string): Promise<boolean> {
  const {
    rows: [row],
  } = await knex.raw(
    "SELECT EXISTS (SELECT 1 FROM coupon_blocklist_entry WHERE customer_id = ? AND deleted_at IS NULL) AS blocked",
    [customerId]
  )
  return row.blocked
}

/** A live code found by findCouponCodes: a coupon's shared code, or one of its serial codes. */
export type FoundCouponCode = { code: string; coupon_id: string; coupon_code_id: string | null }

/**
 * Which of `codes` (normalized) open a live coupon, in one statement: the
 * codes a storefront sends as `promo_codes` are sorted into coupons and
 * Medusa promotions before anything else happens.
 */
export async function findCouponCodes(knex: Sql, codes: string[]): Promise<FoundCouponCode[]> {
  if (!codes.length) return []
  const { rows } = await knex.raw(
    `SELECT c.code, c.id AS coupon_id, NULL AS coupon_code_id
       FROM coupon c WHERE c.code = ANY(?) AND c.deleted_at IS NULL
     UNION ALL
     SELECT s.code, s.coupon_id, s.id AS coupon_code_id
       FROM coupon_code s JOIN coupon c ON c.id = s.coupon_id AND c.deleted_at IS NULL
      WHERE s.code = ANY(?) AND s.deleted_at IS NULL`,
    [codes, codes]
  )
  return rows
}

/** What a storefront shows of the coupon a cart carries (see api/store/coupon-as-promotion.ts). */
export type ListedCoupon = {
  cart_id: string
  coupon_id: string
  code: string
  type: "fixed" | "percentage"
  amount: string | null
  percentage: string | null
  currency_code: string | null
  target: "items" | "shipping"
  amounts: { currency_code: string; amount?: number | null }[] | null
}

/**
 * The applied coupons of these carts with what describes them. A coupon
 * deleted after an order was placed with it is still listed on that order.
 */
export async function readListedCoupons(knex: Sql, cartIds: string[]): Promise<ListedCoupon[]> {
  if (!cartIds.length) return []
  const { rows } = await knex.raw(
    `SELECT cc.cart_id, cc.coupon_id, cc.code, c.type, c.amount::text, c.percentage::text, c.currency_code,
            c.target, c.amounts
       FROM coupon_cart cc JOIN coupon c ON c.id = cc.coupon_id
      WHERE cc.cart_id = ANY(?) AND cc.status = 'applied' AND cc.deleted_at IS NULL`,
    [cartIds]
  )
  return rows
}
