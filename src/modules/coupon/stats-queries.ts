import type { Sql } from "./sql-handle"
/**
 * Read-only aggregates for the admin dashboard's stat cards and charts. A
 * "redemption" here is an order placed with a coupon: a coupon_redemption row
 * with an order id (redeemed, or later canceled / refunded / given back);
 * holds of unfinished checkouts are not counted. Days are UTC calendar days,
 * money stays per currency (a percentage coupon without a currency can be
 * used in several) and is summed by PostgreSQL's numeric type, exactly.
 */

export const STATS_DAYS = 30

const DAY_MS = 24 * 60 * 60 * 1000

export type StatsWindow = { since: Date; days: string[] }

/** The last `STATS_DAYS` UTC days up to and including today's. */
export function statsWindow(now: Date): StatsWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const days: string[] = []
  for (let i = STATS_DAYS - 1; i >= 0; i--) {
    days.push(new Date(today - i * DAY_MS).toISOString().slice(0, 10))
  }
  return { since: new Date(today - (STATS_DAYS - 1) * DAY_MS), days }
}

const REDEMPTIONS_FROM = `
  FROM coupon_redemption r
  JOIN coupon c ON c.id = r.coupon_id AND c.deleted_at IS NULL
  WHERE r.deleted_at IS NULL AND r.order_id IS NOT NULL AND r.created_at >= ?`

export type CurrencyAmount = { currency_code: string; amount: number }

/** Orders placed with any live coupon in the window, and the discount they got per currency. */
export async function storeRedemptionStats(knex: Sql, now: Date) {
  const window = statsWindow(now)
  const result = await knex.raw(
    `SELECT r.currency_code, count(*)::int AS redemptions, sum(r.discount_total)::text AS discount_total
     ${REDEMPTIONS_FROM}
     GROUP BY r.currency_code
     ORDER BY r.currency_code`,
    [window.since]
  )
  const rows: { currency_code: string; redemptions: number; discount_total: string }[] = result.rows
  return {
    since: window.since,
    days: STATS_DAYS,
    redemptions: rows.reduce((n, row) => n + row.redemptions, 0),
    discount_totals: rows.map((row) => ({ currency_code: row.currency_code, amount: Number(row.discount_total) })),
  }
}

/** One coupon's orders and discount per UTC day of the window (days without any are zero). */
export async function couponRedemptionStats(knex: Sql, couponId: string, now: Date) {
  const window = statsWindow(now)
  const result = await knex.raw(
    `SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, r.currency_code,
            count(*)::int AS redemptions, sum(r.discount_total)::text AS discount_total
     ${REDEMPTIONS_FROM} AND r.coupon_id = ?
     GROUP BY 1, 2
     ORDER BY 1, 2`,
    [window.since, couponId]
  )
  const rows: { day: string; currency_code: string; redemptions: number; discount_total: string }[] = result.rows
  const byDay = new Map<string, { redemptions: number; discount_totals: CurrencyAmount[] }>()
  for (const row of rows) {
    const day = byDay.get(row.day) ?? { redemptions: 0, discount_totals: [] }
    day.redemptions += row.redemptions
    day.discount_totals.push({ currency_code: row.currency_code, amount: Number(row.discount_total) })
    byDay.set(row.day, day)
  }
  return {
    since: window.since,
    currencies: [...new Set(rows.map((r) => r.currency_code))].sort(),
    days: window.days.map((date) => ({ date, ...(byDay.get(date) ?? { redemptions: 0, discount_totals: [] }) })),
  }
}
