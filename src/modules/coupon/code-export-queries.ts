import type { Writable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { to as copyTo } from "pg-copy-streams"
import type { Sql } from "./sql-handle"

/*
 * A coupon's serial codes as CSV, streamed by PostgreSQL itself
 * (`COPY (SELECT …) TO STDOUT WITH CSV HEADER`): rows flow from the server
 * to the HTTP response chunk by chunk, with the response's backpressure, so
 * a million codes take constant memory in Node and the event loop only
 * forwards buffers (other requests go on being served).
 */

/**
 * A serial code's state: `assigned` sits in a customer's wallet,
 * `held_by_contact` was redeemed on a coupon page by a campaign contact
 * without a store account (coupon_code.campaign_recipient_id).
 */
export const CODE_STATES = ["available", "assigned", "held_by_contact", "used"] as const
export type CodeState = (typeof CODE_STATES)[number]

export type CodeExportFilter = { coupon_id: string; state?: CodeState; batch_id?: string; q?: string }

/** A code's state, in SQL over coupon_code's columns: the code list derives it here too (serial-code-queries.ts). */
export const CODE_STATE_SQL = `CASE WHEN usage_count >= max_uses THEN 'used' WHEN customer_id IS NOT NULL THEN 'assigned'
  WHEN campaign_recipient_id IS NOT NULL THEN 'held_by_contact' ELSE 'available' END`

/**
 * The contact holding a code, `channel:contact_id`; read only for the few
 * codes a contact holds, so a million-code export keeps its plan.
 */
export const CODE_CONTACT_SQL = `CASE WHEN campaign_recipient_id IS NULL THEN NULL ELSE (
  SELECT r.channel || ':' || r.contact_id FROM coupon_campaign_recipient r WHERE r.id = coupon_code.campaign_recipient_id) END`

const STATE_CONDITION: Record<CodeState, string> = {
  used: "usage_count >= max_uses",
  assigned: "usage_count < max_uses AND customer_id IS NOT NULL",
  held_by_contact: "usage_count < max_uses AND customer_id IS NULL AND campaign_recipient_id IS NOT NULL",
  available: "usage_count < max_uses AND customer_id IS NULL AND campaign_recipient_id IS NULL",
}

/**
 * The COPY statement for a filter. COPY takes no bind parameters, so the
 * values are quoted by the driver's own escapeLiteral (and `state` is one
 * of CODE_STATES, checked by the route's validator).
 */
export function codeExportSql(filter: CodeExportFilter, quote: (value: string) => string): string {
  const conditions = [`coupon_id = ${quote(filter.coupon_id)}`, `deleted_at IS NULL`]
  if (filter.state) conditions.push(STATE_CONDITION[filter.state])
  if (filter.batch_id) conditions.push(`batch_id = ${quote(filter.batch_id)}`)
  if (filter.q) conditions.push(`code LIKE ${quote(`${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`)
  return `COPY (
    SELECT code, ${CODE_STATE_SQL} AS state, usage_count AS uses, max_uses, customer_id, batch_id,
           to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
           campaign_recipient_id, ${CODE_CONTACT_SQL} AS contact
      FROM coupon_code
     WHERE ${conditions.join(" AND ")}
     ORDER BY code
  ) TO STDOUT WITH (FORMAT csv, HEADER true)`
}

/**
 * Streams the codes into `out` on a connection of its own from the pool.
 * A client that goes away mid-download ends the stream; that connection is
 * then retired rather than returned (it may still be inside the COPY).
 */
export async function streamCodesCsv(knex: Sql, filter: CodeExportFilter, out: Writable): Promise<void> {
  const connection = await knex.client.acquireConnection()
  try {
    const source = connection.query(copyTo(codeExportSql(filter, (v) => connection.escapeLiteral(v))))
    await pipeline(source, out)
  } catch (error) {
    // knex validates pooled connections before handing them out: this one is dropped.
    connection.__knex__disposed = error
    throw error
  } finally {
    await knex.client.releaseConnection(connection)
  }
}
