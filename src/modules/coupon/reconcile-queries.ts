import type { Sql } from "./sql-handle"
/**
 * A use whose cart became an order is spent, whatever happened to the
 * process that completed it (docs/rules.md §4). The `order.placed` subscriber
 * marks it redeemed on the fast path; when that event died with its process
 * (a crash, a deploy, a Redis event bus that lost it), the use stays `held`
 * with no order. Before any hold is given back by time, this statement asks
 * the database itself: a held use whose cart has a live order (Medusa's
 * order–cart link, table `order_cart`, written in the same completion that
 * created the order) becomes `redeemed` with that order's id. Only holds
 * whose cart has no order are ever released.
 *
 * The link table lives in the same database as the coupon tables (Medusa's
 * default: one database for every module and link).
 */
export type ReconcileScope = { coupon_id?: string; cart_id?: string; order_id?: string }

export type ReconciledUse = {
  id: string
  coupon_id: string
  customer_id: string | null
  code: string
  order_id: string
}

/** The SQL condition "this use's cart has a live order", for `r` = coupon_redemption. */
export const CART_HAS_ORDER = `EXISTS (
  SELECT 1 FROM order_cart oc JOIN "order" o ON o.id = oc.order_id AND o.deleted_at IS NULL
  WHERE oc.cart_id = r.cart_id AND oc.deleted_at IS NULL)`

/**
 * Marks held uses (of one coupon, cart or order, or all) whose cart has an
 * order as redeemed by it; one statement, returns the uses it marked. The
 * coupon's counter is untouched: a held use is already counted.
 */
export async function redeemHeldUsesWithOrders(knex: Sql, scope: ReconcileScope = {}): Promise<ReconciledUse[]> {
  const where: string[] = []
  const bindings: string[] = []
  if (scope.coupon_id) {
    where.push("r.coupon_id = ?")
    bindings.push(scope.coupon_id)
  }
  if (scope.cart_id) {
    where.push("r.cart_id = ?")
    bindings.push(scope.cart_id)
  }
  if (scope.order_id) {
    where.push("oc.order_id = ?")
    bindings.push(scope.order_id)
  }
  const { rows } = await knex.raw(
    `UPDATE coupon_redemption r
        SET status = 'redeemed', order_id = oc.order_id, hold_expires_at = NULL, updated_at = now()
       FROM order_cart oc JOIN "order" o ON o.id = oc.order_id AND o.deleted_at IS NULL
      WHERE oc.cart_id = r.cart_id AND oc.deleted_at IS NULL
        AND r.status = 'held' AND r.deleted_at IS NULL
        ${where.map((w) => `AND ${w}`).join(" ")}
      RETURNING r.id, r.coupon_id, r.customer_id, r.code, r.order_id`,
    bindings
  )
  return rows
}
