// Shop and ledger helpers of the fault check (scripts/check-faults.mjs):
// carts made ready to complete through the store API, and what the database
// says about a coupon's uses and the orders that carry it.
import pg from "pg"

const ADDRESS = { first_name: "A", last_name: "B", address_1: "1 St", city: "NYC", country_code: "us", postal_code: "10001" }

/** A cart with `code` applied, a shipping method and a payment session: ready to complete. */
export async function readyCart(api, store, code, n, provider = "pp_system_default") {
  const headers = { "x-publishable-api-key": store.publishable_key }
  const { json } = await api("POST", "/store/carts", {
    headers,
    body: { region_id: store.region_id, email: `fault-${code}-${n}@example.com`, items: [{ variant_id: store.variants.tee, quantity: 1 }], shipping_address: ADDRESS },
  })
  const id = json.cart.id
  await api("POST", `/store/carts/${id}/coupon`, { headers, body: { code } })
  await api("POST", `/store/carts/${id}/shipping-methods`, { headers, body: { option_id: store.shipping_option_id } })
  const { json: pc } = await api("POST", "/store/payment-collections", { headers, body: { cart_id: id } })
  await api("POST", `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, {
    headers,
    body: { provider_id: provider },
  })
  return id
}

/** Runs `task` over `items`, `width` at a time. */
export async function inBatches(items, width, task) {
  const results = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await task(items[i], i)
      }
    })
  )
  return results
}

/** The database's account of a coupon: its counter, its uses and the orders carrying it. */
export async function ledger(databaseUrl, code) {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const {
      rows: [coupon],
    } = await db.query(
      `SELECT c.id, c.usage_count, c.usage_limit FROM coupon c
        WHERE c.deleted_at IS NULL AND (c.code = $1 OR EXISTS (SELECT 1 FROM coupon_code k WHERE k.coupon_id = c.id AND k.code = $1))`,
      [code]
    )
    // A use's cart's order: linked by Medusa, or (a completion killed before Medusa linked it)
    // carrying the cart's marker (src/modules/coupon/reconcile-queries.ts).
    const { rows: uses } = await db.query(
      `SELECT r.id, r.cart_id, r.status, r.order_id, r.hold_expires_at > now() AS live_hold,
              COALESCE(
                (SELECT oc.order_id FROM order_cart oc JOIN "order" o ON o.id = oc.order_id AND o.deleted_at IS NULL
                  WHERE oc.cart_id = r.cart_id AND oc.deleted_at IS NULL LIMIT 1),
                (SELECT o.id FROM "order" o WHERE o.metadata->>'coupon_cart_id' = r.cart_id AND o.deleted_at IS NULL
                  ORDER BY o.created_at LIMIT 1)) AS cart_order
         FROM coupon_redemption r WHERE r.coupon_id = $1 AND r.deleted_at IS NULL AND r.code = $2`,
      [coupon.id, code]
    )
    // Every live order whose lines carry this code's coupon adjustment (what the shopper was
    // given), linked to its cart or not: an order a killed completion left before Medusa linked
    // it counts too, until a repeated completion of its cart sets it aside.
    const { rows: orders } = await db.query(
      `SELECT DISTINCT o.id, COALESCE(oc.cart_id, o.metadata->>'coupon_cart_id') AS cart_id, oc.cart_id IS NOT NULL AS linked,
              EXISTS (SELECT 1 FROM order_payment_collection opc WHERE opc.order_id = o.id AND opc.deleted_at IS NULL) AS has_payment
         FROM "order" o
         JOIN order_item oi ON oi.order_id = o.id AND oi.deleted_at IS NULL
         JOIN order_line_item_adjustment a ON a.item_id = oi.item_id AND a.deleted_at IS NULL
         LEFT JOIN order_cart oc ON oc.order_id = o.id AND oc.deleted_at IS NULL
        WHERE o.deleted_at IS NULL AND a.provider_id = 'coupon' AND a.description = $1`,
      [`Coupon ${code}`]
    )
    const unlinked = orders.filter((o) => !o.linked)
    const { rows: setAside } = await db.query(
      `SELECT count(*)::int AS n FROM "order" o WHERE o.deleted_at IS NOT NULL AND o.metadata->>'coupon_cart_id' IS NOT NULL
          AND EXISTS (SELECT 1 FROM order_item oi JOIN order_line_item_adjustment a ON a.item_id = oi.item_id
                       WHERE oi.order_id = o.id AND a.provider_id = 'coupon' AND a.description = $1)`,
      [`Coupon ${code}`]
    )
    const { rows: codes } = await db.query(`SELECT code, usage_count, max_uses FROM coupon_code WHERE code = $1 AND deleted_at IS NULL`, [code])
    return { coupon, uses, orders, unlinked, set_aside: setAside[0].n, code: codes[0] ?? null }
  } finally {
    await db.end()
  }
}

/**
 * The invariants of rules.md §4 on one ledger; what broke (empty when all
 * hold) and a one-line summary. `limit`: the most orders that may carry the
 * code. `settled`: every order's use must by now be `redeemed` by it (after
 * a sweep or a repeated completion; before, a lost event may leave it held).
 */
export function brokenInvariants({ coupon, uses, orders, unlinked, set_aside, code }, limit, { settled = false } = {}) {
  const broken = []
  const counted = uses.filter((u) => ["held", "redeemed", "canceled", "refunded"].includes(u.status))
  const withOrder = counted.filter((u) => u.cart_order)
  const orderless = counted.filter((u) => !u.cart_order)
  if (orders.length > limit) broken.push(`${orders.length} orders carry the coupon, limit ${limit}`)
  // An order a killed completion left before Medusa linked it must never have been paid.
  const paidUnlinked = unlinked.filter((o) => o.has_payment)
  if (paidUnlinked.length) broken.push(`${paidUnlinked.length} orders without an order–cart link have a payment`)
  const orphaned = orders.filter((o) => !o.cart_id)
  if (orphaned.length) broken.push(`${orphaned.length} orders carry the coupon but name no cart`)
  if (coupon.usage_count !== counted.length) broken.push(`usage_count ${coupon.usage_count} ≠ ${counted.length} counted uses`)
  // Uses counted = orders + holds without an order: each order exactly one use, every other counted use a hold.
  if (new Set(counted.map((u) => u.cart_id)).size !== counted.length) broken.push("a cart's use is counted twice")
  const orderCarts = new Set(orders.map((o) => o.cart_id))
  if (withOrder.length !== orders.length || withOrder.some((u) => !orderCarts.has(u.cart_id))) {
    broken.push(`${orders.length} orders but ${withOrder.length} counted uses whose cart has an order`)
  }
  const notHeld = orderless.filter((u) => u.status !== "held")
  if (notHeld.length) broken.push(`${notHeld.length} counted uses without an order are not holds (${notHeld[0].status})`)
  if (settled) {
    const unsettled = withOrder.filter((u) => u.status !== "redeemed" || u.order_id !== u.cart_order)
    if (unsettled.length) broken.push(`${unsettled.length} orders' uses are not redeemed by their order (${unsettled[0].status})`)
  }
  const releasedWithOrder = uses.filter((u) => u.status === "released" && u.cart_order)
  if (releasedWithOrder.length) broken.push(`${releasedWithOrder.length} released uses belong to carts that became orders`)
  if (code && code.usage_count > code.max_uses) broken.push(`serial ${code.code} used ${code.usage_count} times, allows ${code.max_uses}`)
  const liveHolds = orderless.filter((u) => u.live_hold).length
  return {
    broken,
    orders: orders.length,
    summary: `${orders.length} orders (${unlinked.length} left unlinked by the kill, ${set_aside} set aside at a repeated completion), ${counted.length} counted (${withOrder.length} with an order, ${orderless.length} holds without one, ${liveHolds} live), ${uses.length - counted.length} released, usage_count ${coupon.usage_count}${code ? `, serial used ${code.usage_count}/${code.max_uses}` : ""}`,
  }
}
