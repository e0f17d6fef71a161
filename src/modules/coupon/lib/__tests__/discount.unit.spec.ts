import { computeDiscount } from "../discount"

describe("computeDiscount — fixed", () => {
  it("takes the amount, but never more than the eligible subtotal", () => {
    expect(computeDiscount({ type: "fixed", amount_minor: 2500 }, 10000)).toBe(2500)
    expect(computeDiscount({ type: "fixed", amount_minor: 2500 }, 1800)).toBe(1800)
    expect(computeDiscount({ type: "fixed", amount_minor: 2500 }, 0)).toBe(0)
    expect(computeDiscount({ type: "fixed", amount_minor: 0 }, 500)).toBe(0)
  })

  it("ignores max_discount (it caps percentages only)", () => {
    expect(computeDiscount({ type: "fixed", amount_minor: 2500, max_discount_minor: 100 }, 10000)).toBe(2500)
  })
})

describe("computeDiscount — percentage", () => {
  it("rounds half-up", () => {
    expect(computeDiscount({ type: "percentage", percentage: 10 }, 1005)).toBe(101) // 100.5
    expect(computeDiscount({ type: "percentage", percentage: 10 }, 1004)).toBe(100) // 100.4
    expect(computeDiscount({ type: "percentage", percentage: 10 }, 1015)).toBe(102) // 101.5
  })

  it("applies a cap (20% of ₹3000 capped at ₹300 → ₹300)", () => {
    const coupon = { type: "percentage" as const, percentage: 20, max_discount_minor: 30000 }
    expect(computeDiscount(coupon, 300000)).toBe(30000)
    expect(computeDiscount(coupon, 100000)).toBe(20000) // under the cap
    expect(computeDiscount({ ...coupon, max_discount_minor: null }, 300000)).toBe(60000)
  })

  it("handles decimal percentages exactly", () => {
    expect(computeDiscount({ type: "percentage", percentage: 12.5 }, 1000)).toBe(125)
    expect(computeDiscount({ type: "percentage", percentage: 12.5 }, 1004)).toBe(126) // 125.5
    expect(computeDiscount({ type: "percentage", percentage: 33.33 }, 10000)).toBe(3333)
    expect(computeDiscount({ type: "percentage", percentage: 33.33 }, 150)).toBe(50) // 49.995
    expect(computeDiscount({ type: "percentage", percentage: 0.5 }, 4350)).toBe(22) // 21.75
    expect(computeDiscount({ type: "percentage", percentage: 1.15 }, 1000)).toBe(12) // 11.5; floats give 1000 * 1.15 / 100 = 11.4999…
  })

  it("gives the whole subtotal at 100%", () => {
    expect(computeDiscount({ type: "percentage", percentage: 100 }, 123457)).toBe(123457)
    expect(computeDiscount({ type: "percentage", percentage: 100 }, 0)).toBe(0)
  })

  it("works for JPY and KWD subtotals alike (minor units)", () => {
    expect(computeDiscount({ type: "percentage", percentage: 15 }, 999)).toBe(150) // ¥149.85
    expect(computeDiscount({ type: "percentage", percentage: 15 }, 12345)).toBe(1852) // 1851.75 fils
  })

  it("refuses out-of-range percentages", () => {
    for (const percentage of [0, -5, 100.01, 150, NaN]) {
      expect(() => computeDiscount({ type: "percentage", percentage }, 1000)).toThrow()
    }
    expect(() => computeDiscount({ type: "percentage", percentage: null }, 1000)).toThrow()
  })
})

describe("computeDiscount — input checks", () => {
  it("refuses negative or fractional minor amounts", () => {
    expect(() => computeDiscount({ type: "fixed", amount_minor: 100 }, -1)).toThrow()
    expect(() => computeDiscount({ type: "fixed", amount_minor: 100 }, 10.5)).toThrow()
    expect(() => computeDiscount({ type: "fixed", amount_minor: -100 }, 1000)).toThrow()
    expect(() => computeDiscount({ type: "fixed" }, 1000)).toThrow()
    expect(() => computeDiscount({ type: "percentage", percentage: 10, max_discount_minor: -1 }, 1000)).toThrow()
    expect(() => computeDiscount({ type: "bogus" as never, amount_minor: 1 }, 1000)).toThrow(/Unknown coupon type/)
  })

  it("stays within 0..S for random inputs", () => {
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let i = 0; i < 2000; i++) {
      const subtotal = Math.floor(next() * 1_000_000)
      const percentage = Math.max(0.01, Math.round(next() * 10000) / 100)
      const d = computeDiscount({ type: "percentage", percentage }, subtotal)
      expect(Number.isInteger(d)).toBe(true)
      expect(d).toBeGreaterThanOrEqual(0)
      expect(d).toBeLessThanOrEqual(subtotal)
      // exact reference: round-half-up(S × p × 100 / 10000) on integers
      const scaled = BigInt(subtotal) * BigInt(Math.round(percentage * 100))
      const expected = Number((scaled + BigInt(5000)) / BigInt(10000))
      expect(d).toBe(expected)
    }
  })
})
