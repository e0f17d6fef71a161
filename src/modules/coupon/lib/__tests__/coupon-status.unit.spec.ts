import { CouponStatus, couponStatus, couponStatusFilter } from "../coupon-status"

type Row = { is_active: boolean; starts_at: Date | null; ends_at: Date | null }

/**
 * A tiny evaluator for the filter shapes couponStatusFilter produces, with
 * SQL semantics: comparing NULL with $lte/$gt is never true.
 */
function matches(filter: Record<string, unknown>, row: Row): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === "$and") return (condition as Record<string, unknown>[]).every((f) => matches(f, row))
    if (key === "$or") return (condition as Record<string, unknown>[]).some((f) => matches(f, row))
    const value = (row as Record<string, unknown>)[key]
    if (condition === null) return value === null
    if (typeof condition === "boolean") return value === condition
    if (typeof condition === "object" && !(condition instanceof Date)) {
      return Object.entries(condition as Record<string, Date>).every(([op, bound]) => {
        if (value === null || value === undefined) return false
        const t = (value as Date).getTime()
        switch (op) {
          case "$lte":
            return t <= bound.getTime()
          case "$lt":
            return t < bound.getTime()
          case "$gt":
            return t > bound.getTime()
          case "$gte":
            return t >= bound.getTime()
          default:
            throw new Error(`unsupported operator ${op}`)
        }
      })
    }
    throw new Error(`unsupported condition for ${key}`)
  })
}

const NOW = new Date("2026-03-10T12:00:00.000Z")
const at = (ms: number) => new Date(NOW.getTime() + ms)
const STATUSES: CouponStatus[] = ["active", "scheduled", "expired", "disabled"]

describe("couponStatus", () => {
  it("is disabled whenever is_active is false, whatever the dates", () => {
    expect(couponStatus({ is_active: false }, NOW)).toBe("disabled")
    expect(couponStatus({ is_active: false, starts_at: at(1000), ends_at: at(2000) }, NOW)).toBe("disabled")
    expect(couponStatus({ is_active: false, ends_at: at(-1000) }, NOW)).toBe("disabled")
  })

  it("is active without dates", () => {
    expect(couponStatus({ is_active: true }, NOW)).toBe("active")
    expect(couponStatus({ is_active: true, starts_at: null, ends_at: null }, NOW)).toBe("active")
  })

  it("is active from the very instant starts_at is reached", () => {
    expect(couponStatus({ is_active: true, starts_at: NOW }, NOW)).toBe("active")
    expect(couponStatus({ is_active: true, starts_at: at(1) }, NOW)).toBe("scheduled")
    expect(couponStatus({ is_active: true, starts_at: at(-1) }, NOW)).toBe("active")
  })

  it("is expired from the very instant ends_at is reached", () => {
    expect(couponStatus({ is_active: true, ends_at: NOW }, NOW)).toBe("expired")
    expect(couponStatus({ is_active: true, ends_at: at(-1) }, NOW)).toBe("expired")
    expect(couponStatus({ is_active: true, ends_at: at(1) }, NOW)).toBe("active")
  })

  it("accepts ISO strings as well as Dates", () => {
    expect(couponStatus({ is_active: true, starts_at: NOW.toISOString() }, NOW)).toBe("active")
    expect(couponStatus({ is_active: true, ends_at: NOW.toISOString() }, NOW)).toBe("expired")
    expect(couponStatus({ is_active: true, starts_at: at(60_000).toISOString() }, NOW)).toBe("scheduled")
  })

  it("calls a window that has already ended expired even if it never started", () => {
    expect(couponStatus({ is_active: true, starts_at: at(1000), ends_at: at(-1000) }, NOW)).toBe("expired")
  })

  it("defaults now to the current time", () => {
    expect(couponStatus({ is_active: true, ends_at: new Date(Date.now() - 60_000) })).toBe("expired")
    expect(couponStatus({ is_active: true, starts_at: new Date(Date.now() + 3_600_000) })).toBe("scheduled")
    expect(couponStatus({ is_active: true, starts_at: new Date(Date.now() - 60_000) })).toBe("active")
  })
})

describe("couponStatusFilter", () => {
  it("builds the expected query shapes", () => {
    expect(couponStatusFilter("disabled", NOW)).toEqual({ is_active: false })
    expect(couponStatusFilter("expired", NOW)).toEqual({ is_active: true, ends_at: { $lte: NOW } })
    expect(couponStatusFilter("scheduled", NOW)).toEqual({
      is_active: true,
      starts_at: { $gt: NOW },
      $or: [{ ends_at: null }, { ends_at: { $gt: NOW } }],
    })
    expect(couponStatusFilter("active", NOW)).toEqual({
      is_active: true,
      $and: [
        { $or: [{ starts_at: null }, { starts_at: { $lte: NOW } }] },
        { $or: [{ ends_at: null }, { ends_at: { $gt: NOW } }] },
      ],
    })
  })

  // Every combination of dates around the boundaries: exactly one filter
  // matches each coupon, and it is the filter of the status couponStatus gives.
  const offsets: (number | null)[] = [null, -86_400_000, -1, 0, 1, 86_400_000]
  const rows: Row[] = []
  for (const is_active of [true, false]) {
    for (const s of offsets) {
      for (const e of offsets) {
        rows.push({ is_active, starts_at: s === null ? null : at(s), ends_at: e === null ? null : at(e) })
      }
    }
  }

  it.each(rows.map((row) => [row.is_active, row.starts_at?.toISOString() ?? null, row.ends_at?.toISOString() ?? null, row]))(
    "agrees with couponStatus for is_active=%p starts_at=%p ends_at=%p",
    (_a, _s, _e, row) => {
      const status = couponStatus(row as Row, NOW)
      const matching = STATUSES.filter((s) => matches(couponStatusFilter(s, NOW), row as Row))
      expect(matching).toEqual([status])
    }
  )

  it("treats starts_at == now as active and ends_at == now as expired", () => {
    const startsNow: Row = { is_active: true, starts_at: NOW, ends_at: null }
    const endsNow: Row = { is_active: true, starts_at: null, ends_at: NOW }
    expect(matches(couponStatusFilter("active", NOW), startsNow)).toBe(true)
    expect(matches(couponStatusFilter("scheduled", NOW), startsNow)).toBe(false)
    expect(matches(couponStatusFilter("expired", NOW), endsNow)).toBe(true)
    expect(matches(couponStatusFilter("active", NOW), endsNow)).toBe(false)
  })
})
