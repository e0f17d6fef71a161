import fc from "fast-check"
import { refundableAmount, sumMinorUnits } from "../refund"

describe("refundableAmount (docs/rules.md §6)", () => {
  it("is what was captured less what was refunded, never below zero", () => {
    expect(refundableAmount(7550, 2500)).toBe(5050)
    expect(refundableAmount(7550, 7550)).toBe(0)
    expect(refundableAmount(1000, 1200)).toBe(0)
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), (captured, refunded) => {
        const left = refundableAmount(captured, refunded)
        expect(left).toBeGreaterThanOrEqual(0)
        expect(left + Math.min(captured, refunded)).toBe(captured)
      })
    )
  })

  it("sums Medusa's amounts exactly in minor units", () => {
    expect(sumMinorUnits([0.1, "0.2", null], "usd")).toBe(30)
    expect(sumMinorUnits([1000, 1], "jpy")).toBe(1001)
  })
})
