import { CouponDefinition, couponDefinitionError } from "../coupon-definition"

const fixed = (overrides: Partial<CouponDefinition> = {}): CouponDefinition => ({
  type: "fixed",
  amount: 10,
  currency_code: "usd",
  ...overrides,
})

const percentage = (overrides: Partial<CouponDefinition> = {}): CouponDefinition => ({
  type: "percentage",
  percentage: 10,
  ...overrides,
})

const planMessage = (field: string) =>
  `${field} is a restriction/usage field, which the basic coupon plan does not allow. ` +
  "Switch the plan to 'advanced' in coupon settings, or leave the field empty."

describe("couponDefinitionError", () => {
  describe("valid coupons", () => {
    it("accepts a plain fixed coupon and a plain percentage coupon on both plans", () => {
      for (const plan of ["basic", "advanced"] as const) {
        expect(couponDefinitionError(fixed(), plan)).toBeNull()
        expect(couponDefinitionError(percentage(), plan)).toBeNull()
      }
    })

    it("accepts a percentage coupon with every general field set", () => {
      const coupon = percentage({
        percentage: 20,
        max_discount: 300,
        min_spend: 1000,
        currency_code: "inr",
        starts_at: "2026-01-01T00:00:00Z",
        ends_at: "2026-12-31T00:00:00Z",
        amount: null,
      })
      expect(couponDefinitionError(coupon, "basic")).toBeNull()
    })

    it("accepts a fixed coupon with min spend and explicit nulls for the percentage fields", () => {
      expect(couponDefinitionError(fixed({ min_spend: 100, percentage: null, max_discount: null }), "basic")).toBeNull()
    })

    it("accepts percentages at the edges (just above 0, exactly 100)", () => {
      expect(couponDefinitionError(percentage({ percentage: 0.01 }), "advanced")).toBeNull()
      expect(couponDefinitionError(percentage({ percentage: 100 }), "advanced")).toBeNull()
      expect(couponDefinitionError(percentage({ percentage: 12.5 }), "advanced")).toBeNull()
    })

    it("accepts an open-ended window (only starts_at or only ends_at)", () => {
      expect(couponDefinitionError(fixed({ starts_at: "2026-01-01T00:00:00Z", ends_at: null }), "basic")).toBeNull()
      expect(couponDefinitionError(fixed({ starts_at: null, ends_at: "2026-01-01T00:00:00Z" }), "basic")).toBeNull()
    })

    it("accepts every advanced field on the advanced plan", () => {
      const coupon = fixed({
        first_order_only: true,
        product_ids: ["prod_1"],
        category_ids: ["pcat_1"],
        usage_limit: 100,
        usage_limit_per_customer: 1,
      })
      expect(couponDefinitionError(coupon, "advanced")).toBeNull()
    })
  })

  describe("percentage coupons", () => {
    it.each([null, undefined])("require percentage (got %p)", (value) => {
      expect(couponDefinitionError(percentage({ percentage: value }), "advanced")).toBe(
        "percentage is required for a percentage coupon (a number above 0 and at most 100)."
      )
    })

    it.each([0, -5, 100.01, 150])("refuse percentage %p", (value) => {
      expect(couponDefinitionError(percentage({ percentage: value }), "advanced")).toBe(
        `percentage must be above 0 and at most 100; got ${value}.`
      )
    })

    it.each([10, 0])("refuse an amount (%p)", (amount) => {
      expect(couponDefinitionError(percentage({ amount }), "advanced")).toBe(
        "amount applies to fixed coupons only; remove it or change type to 'fixed'."
      )
    })

    it("refuse a zero or negative max_discount", () => {
      for (const max_discount of [0, -1]) {
        expect(couponDefinitionError(percentage({ max_discount, currency_code: "usd" }), "advanced")).toBe(
          "max_discount must be above 0; leave it empty for no cap."
        )
      }
    })

    it("need a currency for max_discount", () => {
      expect(couponDefinitionError(percentage({ max_discount: 300 }), "advanced")).toBe(
        "currency_code is required when max_discount is set (the currency of that amount, e.g. 'usd')."
      )
    })

    it("need a currency for min_spend (even a zero min spend)", () => {
      for (const min_spend of [50, 0]) {
        expect(couponDefinitionError(percentage({ min_spend }), "advanced")).toBe(
          "currency_code is required when min_spend is set (the currency of that amount, e.g. 'usd')."
        )
      }
    })

    it("report min_spend before max_discount when both lack a currency", () => {
      expect(couponDefinitionError(percentage({ min_spend: 50, max_discount: 10 }), "advanced")).toBe(
        "currency_code is required when min_spend is set (the currency of that amount, e.g. 'usd')."
      )
    })

    it("report a non-positive max_discount before its missing currency", () => {
      expect(couponDefinitionError(percentage({ max_discount: 0 }), "advanced")).toBe(
        "max_discount must be above 0; leave it empty for no cap."
      )
    })
  })

  describe("fixed coupons", () => {
    it.each([null, undefined, 0, -10])("require an amount above 0 (got %p)", (amount) => {
      expect(couponDefinitionError(fixed({ amount }), "advanced")).toBe(
        "amount is required for a fixed coupon and must be above 0."
      )
    })

    it.each([null, undefined])("require currency_code (got %p)", (currency_code) => {
      expect(couponDefinitionError(fixed({ currency_code }), "advanced")).toBe(
        "currency_code is required for a fixed coupon (the currency of amount, e.g. 'usd')."
      )
    })

    it("refuse a percentage", () => {
      expect(couponDefinitionError(fixed({ percentage: 10 }), "advanced")).toBe(
        "percentage applies to percentage coupons only; remove it or change type to 'percentage'."
      )
    })

    it("refuse a max_discount", () => {
      expect(couponDefinitionError(fixed({ max_discount: 5 }), "advanced")).toBe(
        "max_discount caps percentage coupons only; a fixed coupon's amount is already its maximum."
      )
    })

    it("report the amount before the currency, and the currency before a stray percentage", () => {
      expect(couponDefinitionError(fixed({ amount: null, currency_code: null, percentage: 5 }), "advanced")).toBe(
        "amount is required for a fixed coupon and must be above 0."
      )
      expect(couponDefinitionError(fixed({ currency_code: null, percentage: 5 }), "advanced")).toBe(
        "currency_code is required for a fixed coupon (the currency of amount, e.g. 'usd')."
      )
    })
  })

  describe("validity window", () => {
    it("refuses ends_at before starts_at", () => {
      expect(
        couponDefinitionError(fixed({ starts_at: "2026-02-01T00:00:00Z", ends_at: "2026-01-01T00:00:00Z" }), "advanced")
      ).toBe("ends_at must be after starts_at.")
    })

    it("refuses ends_at equal to starts_at, mixing Date and string", () => {
      expect(
        couponDefinitionError(
          fixed({ starts_at: new Date("2026-01-01T00:00:00Z"), ends_at: "2026-01-01T00:00:00.000Z" }),
          "advanced"
        )
      ).toBe("ends_at must be after starts_at.")
    })

    it("accepts ends_at one millisecond after starts_at", () => {
      expect(
        couponDefinitionError(
          fixed({ starts_at: "2026-01-01T00:00:00.000Z", ends_at: new Date("2026-01-01T00:00:00.001Z") }),
          "advanced"
        )
      ).toBeNull()
    })

    it("is judged after the type rules and before the plan", () => {
      const badWindow = { starts_at: "2026-02-01T00:00:00Z", ends_at: "2026-01-01T00:00:00Z" }
      expect(couponDefinitionError(percentage({ percentage: 0, ...badWindow }), "advanced")).toBe(
        "percentage must be above 0 and at most 100; got 0."
      )
      expect(couponDefinitionError(fixed({ usage_limit: 5, ...badWindow }), "basic")).toBe(
        "ends_at must be after starts_at."
      )
    })
  })

  describe("basic plan", () => {
    it.each([
      ["first_order_only", { first_order_only: true }],
      ["product_ids", { product_ids: ["prod_1"] }],
      ["category_ids", { category_ids: ["pcat_1"] }],
      ["usage_limit", { usage_limit: 100 }],
      ["usage_limit", { usage_limit: 0 }],
      ["usage_limit_per_customer", { usage_limit_per_customer: 1 }],
    ])("refuses %s (%p)", (field, values) => {
      expect(couponDefinitionError(fixed(values as Partial<CouponDefinition>), "basic")).toBe(planMessage(field))
      expect(couponDefinitionError(fixed(values as Partial<CouponDefinition>), "advanced")).toBeNull()
    })

    it("accepts advanced fields left empty", () => {
      const coupon = fixed({
        first_order_only: false,
        product_ids: [],
        category_ids: [],
        usage_limit: null,
        usage_limit_per_customer: null,
      })
      expect(couponDefinitionError(coupon, "basic")).toBeNull()
      expect(couponDefinitionError(fixed({ first_order_only: null, product_ids: null, category_ids: null }), "basic")).toBeNull()
    })

    it("names the first advanced field in the listed order", () => {
      const coupon = fixed({ usage_limit_per_customer: 1, category_ids: ["pcat_1"], product_ids: ["prod_1"] })
      expect(couponDefinitionError(coupon, "basic")).toBe(planMessage("product_ids"))
      expect(couponDefinitionError(fixed({ usage_limit: 1, usage_limit_per_customer: 1 }), "basic")).toBe(
        planMessage("usage_limit")
      )
    })

    it("allows the general fields (max discount, min spend, dates)", () => {
      const coupon = percentage({
        max_discount: 50,
        min_spend: 100,
        currency_code: "eur",
        starts_at: "2026-01-01T00:00:00Z",
        ends_at: "2026-06-01T00:00:00Z",
      })
      expect(couponDefinitionError(coupon, "basic")).toBeNull()
    })
  })

  describe("on update (changedFields given)", () => {
    const advancedCoupon = fixed({
      first_order_only: true,
      product_ids: ["prod_1"],
      category_ids: ["pcat_1"],
      usage_limit: 100,
      usage_limit_per_customer: 1,
    })

    it("does not judge advanced fields the request leaves unchanged", () => {
      expect(couponDefinitionError(advancedCoupon, "basic", new Set(["title", "amount"]))).toBeNull()
      expect(couponDefinitionError(advancedCoupon, "basic", new Set())).toBeNull()
    })

    it.each(["first_order_only", "product_ids", "category_ids", "usage_limit", "usage_limit_per_customer"])(
      "judges %s when the request changes it",
      (field) => {
        expect(couponDefinitionError(advancedCoupon, "basic", new Set(["title", field]))).toBe(planMessage(field))
      }
    )

    it("lets a basic-plan merchant clear an advanced field", () => {
      const cleared = { ...advancedCoupon, usage_limit: null }
      expect(couponDefinitionError(cleared, "basic", new Set(["usage_limit"]))).toBeNull()
    })

    it("still judges the whole coupon for the non-plan rules", () => {
      const coupon = fixed({ usage_limit: 100, starts_at: "2026-02-01T00:00:00Z", ends_at: "2026-01-01T00:00:00Z" })
      expect(couponDefinitionError(coupon, "basic", new Set(["title"]))).toBe("ends_at must be after starts_at.")
      expect(couponDefinitionError(fixed({ currency_code: null }), "basic", new Set(["title"]))).toBe(
        "currency_code is required for a fixed coupon (the currency of amount, e.g. 'usd')."
      )
    })

    it("refuses no changed advanced field on the advanced plan", () => {
      expect(
        couponDefinitionError(advancedCoupon, "advanced", new Set(["usage_limit", "product_ids"]))
      ).toBeNull()
    })
  })
})

describe("couponDefinitionError: docs/rules.md §7.2", () => {
  const multi = (overrides: Partial<CouponDefinition> = {}): CouponDefinition => ({
    type: "fixed",
    amounts: [
      { currency_code: "usd", amount: 10, min_spend: 50 },
      { currency_code: "eur", amount: 9 },
    ],
    ...overrides,
  })

  it("accepts amounts in several currencies, fixed or percentage with caps", () => {
    expect(couponDefinitionError(multi(), "advanced")).toBeNull()
    expect(
      couponDefinitionError(
        { type: "percentage", percentage: 10, amounts: [{ currency_code: "usd", max_discount: 20 }, { currency_code: "eur" }] },
        "advanced"
      )
    ).toBeNull()
  })

  it("refuses amounts beside the one-currency fields", () => {
    expect(couponDefinitionError(multi({ currency_code: "usd", amount: 10 }), "advanced")).toBe(
      "amounts replaces currency_code, amount: give each currency's amount, min_spend and max_discount in its entry of amounts and set those fields to null (or leave amounts empty for a one-currency coupon)."
    )
  })

  it("refuses a repeated currency, a fixed entry without amount, a cap on a fixed entry, an amount on a percentage entry", () => {
    expect(couponDefinitionError(multi({ amounts: [{ currency_code: "usd", amount: 1 }, { currency_code: "USD", amount: 2 }] }), "advanced")).toBe(
      "amounts lists USD twice; give each currency once."
    )
    expect(couponDefinitionError(multi({ amounts: [{ currency_code: "eur", min_spend: 5 }] }), "advanced")).toBe(
      "amounts: the EUR entry needs an amount above 0 (a fixed coupon's amount in EUR)."
    )
    expect(couponDefinitionError(multi({ amounts: [{ currency_code: "eur", amount: 5, max_discount: 5 }] }), "advanced")).toBe(
      "amounts: the EUR entry has a max_discount, which caps percentage coupons only."
    )
    expect(
      couponDefinitionError({ type: "percentage", percentage: 5, amounts: [{ currency_code: "eur", amount: 5 }] }, "advanced")
    ).toBe("amounts: the EUR entry has an amount, which applies to fixed coupons only; use max_discount to cap a percentage.")
  })

  it("keeps shipping fields to shipping coupons, with a currency for max_shipping_amount", () => {
    expect(couponDefinitionError(fixed({ max_shipping_amount: 20 }), "advanced")).toBe(
      "max_shipping_amount applies to shipping coupons only (target 'shipping')."
    )
    expect(couponDefinitionError(fixed({ country_codes: ["us"] }), "advanced")).toBe(
      "country_codes applies to shipping coupons only (target 'shipping'): it limits the shipping address country."
    )
    expect(couponDefinitionError(percentage({ target: "shipping", percentage: 100, max_shipping_amount: 20 }), "advanced")).toBe(
      "max_shipping_amount needs currency_code (the currency of that amount); a coupon with amounts in several currencies cannot have it."
    )
    expect(
      couponDefinitionError(percentage({ target: "shipping", max_shipping_amount: 20, currency_code: "usd", country_codes: ["us"] }), "advanced")
    ).toBeNull()
  })

  it.each([
    ["customer_group_ids", { customer_group_ids: ["cg_1"] }],
    ["min_quantity", { min_quantity: 2 }],
    ["sales_channel_ids", { sales_channel_ids: ["sc_1"] }],
    ["region_ids", { region_ids: ["reg_1"] }],
    ["target", { target: "shipping" as const }],
    ["amounts", { amounts: [{ currency_code: "usd", amount: 10 }], currency_code: null, amount: null }],
  ])("the basic plan refuses %s", (field, overrides) => {
    expect(couponDefinitionError(fixed(overrides as Partial<CouponDefinition>), "basic")).toBe(planMessage(field))
    expect(couponDefinitionError(fixed(overrides as Partial<CouponDefinition>), "advanced")).toBeNull()
  })
})
