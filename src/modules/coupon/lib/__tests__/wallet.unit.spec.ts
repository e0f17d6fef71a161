import { rankWalletCouponOptions, walletEntryExpiry, walletUseUrl } from "../wallet"

const RECEIVED = new Date("2026-03-10T12:00:00.000Z")

describe("walletEntryExpiry", () => {
  it("is validity_days after receipt", () => {
    expect(walletEntryExpiry(RECEIVED, 30, null)).toEqual(new Date("2026-04-09T12:00:00.000Z"))
  })

  it("never runs past the coupon's end", () => {
    expect(walletEntryExpiry(RECEIVED, 30, "2026-03-20T00:00:00.000Z")).toEqual(new Date("2026-03-20T00:00:00.000Z"))
  })

  it("keeps the validity when the coupon ends later", () => {
    expect(walletEntryExpiry(RECEIVED, 7, new Date("2026-03-20T00:00:00.000Z"))).toEqual(
      new Date("2026-03-17T12:00:00.000Z")
    )
  })

  it("is the coupon's end when the coupon has no validity_days", () => {
    expect(walletEntryExpiry(RECEIVED, null, "2026-05-01T00:00:00.000Z")).toEqual(new Date("2026-05-01T00:00:00.000Z"))
  })

  it("is null when neither limits it", () => {
    expect(walletEntryExpiry(RECEIVED, null, null)).toBeNull()
    expect(walletEntryExpiry(RECEIVED, undefined, undefined)).toBeNull()
  })

  it("counts from the date it is given (a campaign's sending date)", () => {
    expect(walletEntryExpiry(new Date("2026-03-01T08:00:00.000Z"), 3, null)).toEqual(new Date("2026-03-04T08:00:00.000Z"))
  })
})

describe("walletUseUrl", () => {
  it("replaces {code} with the URL-encoded code", () => {
    expect(walletUseUrl("https://shop.example.com/checkout?coupon={code}", "SAVE_10-A")).toBe(
      "https://shop.example.com/checkout?coupon=SAVE_10-A"
    )
    expect(walletUseUrl("https://shop.example.com/c/{code}", "A B&C")).toBe("https://shop.example.com/c/A%20B%26C")
  })

  it("replaces every {code}", () => {
    expect(walletUseUrl("https://s.example/{code}?c={code}", "X1")).toBe("https://s.example/X1?c=X1")
  })

  it("is null when the option is not set", () => {
    expect(walletUseUrl(undefined, "X1")).toBeNull()
    expect(walletUseUrl(null, "X1")).toBeNull()
  })
})

describe("rankWalletCouponOptions", () => {
  const option = (code: string, discount_total: number, eligible: boolean, expires_at: string | null) => ({
    code,
    title: code,
    discount_total,
    eligible,
    expires_at,
    ...(eligible ? {} : { reason: `no ${code}` }),
  })

  it("puts the highest discount first, then ineligible coupons", () => {
    const ranked = rankWalletCouponOptions([
      option("LOW", 5, true, null),
      option("NOPE", 0, false, "2026-03-11T00:00:00.000Z"),
      option("HIGH", 12.5, true, null),
      option("MID", 10, true, null),
    ])
    expect(ranked.map((o) => o.code)).toEqual(["HIGH", "MID", "LOW", "NOPE"])
  })

  it("breaks equal discounts by the earliest expiry, no expiry last", () => {
    const ranked = rankWalletCouponOptions([
      option("NEVER", 10, true, null),
      option("LATER", 10, true, "2026-04-01T00:00:00.000Z"),
      option("SOONER", 10, true, "2026-03-15T00:00:00.000Z"),
    ])
    expect(ranked.map((o) => o.code)).toEqual(["SOONER", "LATER", "NEVER"])
  })

  it("orders ineligible coupons by expiry then code", () => {
    const ranked = rankWalletCouponOptions([
      option("B", 0, false, null),
      option("A", 0, false, null),
      option("C", 0, false, "2026-03-15T00:00:00.000Z"),
    ])
    expect(ranked.map((o) => o.code)).toEqual(["C", "A", "B"])
  })

  it("does not change the array it is given", () => {
    const input = [option("A", 1, true, null), option("B", 2, true, null)]
    rankWalletCouponOptions(input)
    expect(input.map((o) => o.code)).toEqual(["A", "B"])
  })
})
