import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import { couponStatus, couponStatusFilter, type CouponStatus } from "../../src/modules/coupon/lib/coupon-status"
import { type CouponUseState, isLiveUse } from "../../src/modules/coupon/lib/coupon-use"
import { walletEntryExpiry } from "../../src/modules/coupon/lib/wallet"
import { couponActiveSql, liveUseSql, walletExpirySql } from "../../src/modules/coupon/rule-sql"

jest.setTimeout(180 * 1000)

/*
 * Every SQL fragment that restates a rule of lib/ (src/modules/coupon/rule-sql.ts)
 * is run on PostgreSQL over random inputs and must agree with the function
 * it restates, row for row. Instants sit within a few days of a fixed `now`,
 * a third of them exactly on it, so the boundaries (<, <=) are hit often.
 */
const NOW = new Date("2026-06-15T12:00:00.000Z")
const NOW_SQL = `'${NOW.toISOString()}'::timestamptz`
const DAY = 24 * 60 * 60 * 1000

const instant = fc.oneof(
  fc.constant(NOW),
  fc.integer({ min: -3 * DAY, max: 3 * DAY }).map((ms) => new Date(NOW.getTime() + ms)),
  fc.constantFrom(-1, 1).map((ms) => new Date(NOW.getTime() + ms))
)
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null })
const rows = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 40 })
const iso = (date: Date | null) => (date ? date.toISOString() : null)
const time = (value: Date | string | null) => (value == null ? null : new Date(value).getTime())

medusaIntegrationTestRunner({
  testSuite: ({ dbConnection, getContainer }) => {
    /** Runs `select` over the rows (as the recordset `columns`), in row order. */
    const evaluate = async (rowsJson: Record<string, unknown>[], columns: string, select: string) =>
      (
        await dbConnection.raw(
          `SELECT ${select} AS v FROM jsonb_to_recordset(?::jsonb) AS t(i int, ${columns}) ORDER BY t.i`,
          [JSON.stringify(rowsJson.map((row, i) => ({ ...row, i })))]
        )
      ).rows.map((row: { v: unknown }) => row.v)

    it("couponActiveSql agrees with couponStatus(…) === 'active'", async () => {
      const coupon = fc.record({ is_active: fc.boolean(), starts_at: maybe(instant), ends_at: maybe(instant) })
      await fc.assert(
        fc.asyncProperty(rows(coupon), async (coupons) => {
          const sql = await evaluate(
            coupons.map((c) => ({ ...c, starts_at: iso(c.starts_at), ends_at: iso(c.ends_at) })),
            "is_active boolean, starts_at timestamptz, ends_at timestamptz",
            couponActiveSql("t", NOW_SQL)
          )
          expect(sql).toEqual(coupons.map((c) => couponStatus(c, NOW) === "active"))
        }),
        { numRuns: 150 }
      )
    })

    // The admin list's status filter is an ORM filter, not SQL of ours: run
    // through the coupon module's own list on PostgreSQL, each status's
    // filter must select exactly the coupons couponStatus gives that status.
    it("couponStatusFilter, run by the module's list, selects exactly the coupons of that couponStatus", async () => {
      const couponService: any = getContainer().resolve("coupon")
      const STATUSES: CouponStatus[] = ["active", "scheduled", "expired", "disabled"]
      const coupon = fc.record({ is_active: fc.boolean(), starts_at: maybe(instant), ends_at: maybe(instant) })
      await fc.assert(
        fc.asyncProperty(rows(coupon), async (coupons) => {
          const created = await couponService.createCoupons(
            coupons.map((c, i) => ({ ...c, title: `status ${i}`, type: "fixed", amount: 1, currency_code: "usd" }))
          )
          const ids = created.map((c: { id: string }) => c.id)
          try {
            for (const status of STATUSES) {
              const listed = await couponService.listCoupons({ id: ids, ...couponStatusFilter(status, NOW) }, { select: ["id"] })
              const expected = ids.filter((_: string, i: number) => couponStatus(coupons[i], NOW) === status)
              expect(listed.map((c: { id: string }) => c.id).sort()).toEqual([...expected].sort())
            }
          } finally {
            await couponService.deleteCoupons(ids)
          }
        }),
        { numRuns: 60 }
      )
    })

    it("walletExpirySql agrees with walletEntryExpiry: the earlier of the entry's validity and the coupon's end", async () => {
      const entry = fc.record({
        received_at: instant,
        validity_days: maybe(fc.integer({ min: 1, max: 5 })),
        coupon_ends_at: maybe(instant),
      })
      await fc.assert(
        fc.asyncProperty(rows(entry), async (entries) => {
          // The entry's own expires_at is its validity alone (granted while the coupon had no end).
          const sql = await evaluate(
            entries.map((e) => ({
              expires_at: iso(walletEntryExpiry(e.received_at, e.validity_days, null)),
              ends_at: iso(e.coupon_ends_at),
            })),
            "expires_at timestamptz, ends_at timestamptz",
            walletExpirySql("t", "t")
          )
          expect(sql.map((v: Date | null) => time(v))).toEqual(
            entries.map((e) => time(walletEntryExpiry(e.received_at, e.validity_days, e.coupon_ends_at)))
          )
        }),
        { numRuns: 150 }
      )
    })

    it("liveUseSql agrees with isLiveUse", async () => {
      const use = fc.record({
        status: fc.constantFrom<CouponUseState["status"]>("held", "redeemed", "released", "canceled", "refunded"),
        hold_expires_at: maybe(instant),
        cart_has_order: fc.boolean(),
      })
      await fc.assert(
        fc.asyncProperty(rows(use), async (uses) => {
          const sql = await evaluate(
            uses.map((u) => ({ ...u, hold_expires_at: iso(u.hold_expires_at as Date | null) })),
            "status text, hold_expires_at timestamptz, cart_has_order boolean",
            // Used in WHERE clauses: an unknown (NULL) hold is not live there, nor in TypeScript.
            `COALESCE(${liveUseSql("t", { now: NOW_SQL, cartHasOrder: "t.cart_has_order" })}, false)`
          )
          expect(sql).toEqual(uses.map((u) => isLiveUse(u, NOW)))
        }),
        { numRuns: 150 }
      )
    })
  },
})
