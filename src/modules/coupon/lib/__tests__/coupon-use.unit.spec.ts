import { isLiveUse } from "../coupon-use"

describe("isLiveUse (docs/rules.md §4)", () => {
  const now = new Date("2026-06-15T12:00:00.000Z")
  const later = new Date(now.getTime() + 1)

  it("counts a redeemed use, and a held one until its hold runs out", () => {
    expect(isLiveUse({ status: "redeemed", hold_expires_at: null, cart_has_order: false }, now)).toBe(true)
    expect(isLiveUse({ status: "held", hold_expires_at: later, cart_has_order: false }, now)).toBe(true)
    // A hold ending exactly now has run out.
    expect(isLiveUse({ status: "held", hold_expires_at: now, cart_has_order: false }, now)).toBe(false)
  })

  it("counts a held use whose cart became an order, whatever its hold says", () => {
    expect(isLiveUse({ status: "held", hold_expires_at: now, cart_has_order: true }, now)).toBe(true)
  })

  it("never counts released, canceled or refunded uses", () => {
    for (const status of ["released", "canceled", "refunded"] as const) {
      expect(isLiveUse({ status, hold_expires_at: later, cart_has_order: true }, now)).toBe(false)
    }
  })
})
