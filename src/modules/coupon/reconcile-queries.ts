import type { Sql } from "./sql-handle"
/**
 * A use whose cart became an order is spent, whatever happened to the
 * process that completed it (docs/rules.md §4). The `order.placed` subscriber
 * marks it redeemed on the fast path; when that event died with its process
 * (a crash, a deploy, a Redis event bus that lost it), the use stays `held`
 * with no order. Before any hold is given back by time, this statement asks
 * the database itself: a held use whose cart has a live order (Medusa's
 * order–cart link, table `order_cart`, or, when the completion died before
 * Medusa wrote that link, the order carrying the cart's marker) becomes
 * `redeemed` with that order's id. Only holds whose cart has no order are
 * ever released.
 *
 * The link table and Medusa's cart and order tables live in the same
 * database as the coupon tables (Medusa's default: one database for every
 * module and link).
 */
export type ReconcileScope = { coupon_id?: string; cart_id?: string; order_id?: string }

export type ReconciledUse = {
  id: string
  coupon_id: string
  customer_id: string | null
  code: string
  order_id: string
}

/**
 * The key, in `cart.metadata`, naming the cart itself. Medusa copies the
 * cart's metadata into the order in the order's own transaction
 * (completeCartWorkflow's createOrdersStep), while the order–cart link is
 * written by a later step in another: a process killed between the two
 * leaves an order that only this marker ties to its cart. Written when a
 * coupon goes on a cart (markCartForItsOrder); Medusa merges metadata
 * updates, so a storefront's own keys leave it in place.
 */
export const ORDER_CART_MARKER = "coupon_cart_id"

const LINKED_ORDER = (cart: string) => `(SELECT o.id FROM order_cart oc JOIN "order" o ON o.id = oc.order_id AND o.deleted_at IS NULL
   WHERE oc.cart_id = ${cart} AND oc.deleted_at IS NULL LIMIT 1)`
// Index IDX_order_coupon_cart_id (Migration20261202100000) serves this.
const MARKED_ORDER = (cart: string) => `(SELECT o.id FROM "order" o
   WHERE o.metadata->>'${ORDER_CART_MARKER}' = ${cart} AND o.deleted_at IS NULL ORDER BY o.created_at LIMIT 1)`

/** The SQL value "the live order of the cart `cart`" (an SQL expression): linked, else marked. */
export const cartOrderSql = (cart: string) => `COALESCE(${LINKED_ORDER(cart)}, ${MARKED_ORDER(cart)})`

/** The SQL condition "this use's cart has a live order", for `r` = coupon_redemption. */
export const CART_HAS_ORDER = `(${cartOrderSql("r.cart_id")} IS NOT NULL)`

/**
 * Marks held uses (of one coupon, cart or order, or all) whose cart has an
 * order as redeemed by it; one statement, returns the uses it marked. The
 * coupon's counter is untouched: a held use is already counted.
 */
export async function redeemHeldUsesWithOrders(knex: Sql, scope: ReconcileScope = {}): Promise<ReconciledUse[]> {
  // Bound in the order the placeholders appear: the uses' filters, then the order's.
  const bindings: string[] = []
  const filter = (sql: string, value: string | undefined) => (value ? (bindings.push(value), sql) : "")
  const useFilter = filter("AND r.coupon_id = ?", scope.coupon_id) + " " + filter("AND r.cart_id = ?", scope.cart_id)
  const orderFilter = filter("AND spent.order_id = ?", scope.order_id)
  const { rows } = await knex.raw(
    `UPDATE coupon_redemption r
        SET status = 'redeemed', order_id = spent.order_id, hold_expires_at = NULL, updated_at = now()
       FROM (SELECT r.id, ${cartOrderSql("r.cart_id")} AS order_id FROM coupon_redemption r
              WHERE r.status = 'held' AND r.deleted_at IS NULL ${useFilter}) spent
      WHERE spent.id = r.id AND spent.order_id IS NOT NULL ${orderFilter}
      RETURNING r.id, r.coupon_id, r.customer_id, r.code, r.order_id`,
    bindings
  )
  return rows
}

/** Names the cart in its own metadata (ORDER_CART_MARKER), unless it already is; one statement. */
export async function markCartForItsOrder(knex: Sql, cartId: string): Promise<void> {
  await knex.raw(
    `UPDATE cart SET metadata = COALESCE(metadata, '{}'::jsonb) || jsonb_build_object('${ORDER_CART_MARKER}', id)
      WHERE id = ? AND (metadata->>'${ORDER_CART_MARKER}') IS DISTINCT FROM id`,
    [cartId]
  )
}

/**
 * Orders a killed completion of this cart left behind: they carry its
 * marker but Medusa never linked them to the cart or to a payment (the
 * process died between createOrdersStep and the link step), and they are
 * still pending. Only meaningful under the cart's completion lock, when no
 * other completion of the cart is between those two steps.
 */
export async function interruptedOrdersOfCart(knex: Sql, cartId: string): Promise<string[]> {
  const { rows } = await knex.raw(`SELECT o.id FROM "order" o WHERE ${interruptedOrderSql("o", "?")}`, [cartId])
  return rows.map((row: { id: string }) => row.id)
}

/** The SQL condition "order `o` is one a killed completion of cart `cart` left behind" (see interruptedOrdersOfCart). */
export const interruptedOrderSql = (o: string, cart: string) =>
  `${o}.metadata->>'${ORDER_CART_MARKER}' = ${cart} AND ${o}.deleted_at IS NULL AND ${o}.status = 'pending'
   AND NOT EXISTS (SELECT 1 FROM order_cart oc WHERE oc.order_id = ${o}.id AND oc.deleted_at IS NULL)
   AND NOT EXISTS (SELECT 1 FROM order_payment_collection op WHERE op.order_id = ${o}.id AND op.deleted_at IS NULL)`

/**
 * The uses those orders had been found to spend go back to being held for
 * their cart (order unset, hold running out now): the completion that set
 * the orders aside claims the use again for the order it creates.
 */
export async function unbindUsesFromOrders(knex: Sql, orderIds: string[]): Promise<number> {
  if (!orderIds.length) return 0
  const result = await knex.raw(
    `UPDATE coupon_redemption SET status = 'held', order_id = NULL, hold_expires_at = now(), updated_at = now()
      WHERE order_id = ANY(?) AND status = 'redeemed' AND deleted_at IS NULL`,
    [orderIds]
  )
  return result.rowCount ?? 0
}
