import { expandCategoryIds } from "../eligibility"
import {
  CartLineForEvaluation,
  CouponEvaluation,
  CouponEvaluationInput,
  CouponForEvaluation,
  CouponRule,
  evaluateCoupon,
  formatMoney,
  usageLimitMessage,
} from "../evaluate-coupon"

const NOW = new Date("2026-02-15T12:00:00.000Z")
const CODE = "WELCOME10"

const coupon = (overrides: Partial<CouponForEvaluation> = {}): CouponForEvaluation => ({
  id: "coupon_1",
  title: "Welcome",
  type: "fixed",
  amount: 10,
  percentage: null,
  max_discount: null,
  currency_code: "usd",
  min_spend: null,
  starts_at: new Date("2026-01-01T00:00:00.000Z"),
  ends_at: new Date("2026-12-31T00:00:00.000Z"),
  is_active: true,
  first_order_only: false,
  exclude_sale_items: false,
  product_ids: [],
  usage_limit: null,
  usage_limit_per_customer: null,
  renewal_applicable: false,
  allocation: "even",
  ...overrides,
})

let lineCounter = 0
const line = (overrides: Partial<CartLineForEvaluation> = {}): CartLineForEvaluation => {
  lineCounter += 1
  return {
    id: `item_${lineCounter}`,
    product_id: `prod_${lineCounter}`,
    product_category_ids: [],
    is_discountable: true,
    is_giftcard: false,
    is_sale: false,
    product_metadata: null,
    product_type: null,
    requires_shipping: true,
    quantity: 1,
    unit_price: 25,
    ...overrides,
  }
}

type Overrides = {
  code?: string
  settings?: Partial<CouponEvaluationInput["settings"]>
  coupon?: Partial<CouponForEvaluation> | null
  serial?: CouponEvaluationInput["serial"]
  cart?: Partial<CouponEvaluationInput["cart"]>
  scoped_category_ids?: Set<string> | null
  customer_blocked?: boolean
  usage?: Partial<CouponEvaluationInput["usage"]>
  now?: Date
}

/** A valid input (a $10 coupon on a $50 cart) with exactly the given changes. */
function input(overrides: Overrides = {}): CouponEvaluationInput {
  return {
    code: overrides.code ?? CODE,
    settings: {
      enabled: true,
      excluded_product_kinds: ["supplier", "pod", "virtual", "combination", "video", "service"],
      allowed_order_types: ["ordinary", "dropshipping"],
      ...overrides.settings,
    },
    coupon: overrides.coupon === null ? null : coupon(overrides.coupon),
    serial: overrides.serial ?? null,
    cart: {
      currency_code: "usd",
      customer_id: "cus_1",
      metadata: null,
      items: [line({ id: "item_a", unit_price: 25, quantity: 2 })],
      ...overrides.cart,
    },
    scoped_category_ids: overrides.scoped_category_ids ?? null,
    customer_blocked: overrides.customer_blocked ?? false,
    usage: {
      total: 0,
      by_customer: 0,
      customer_has_prior_order: false,
      earliest_hold_release: null,
      ...overrides.usage,
    },
    now: overrides.now ?? NOW,
  }
}

const evaluate = (overrides: Overrides = {}) => evaluateCoupon(input(overrides))

function expectFailure(result: CouponEvaluation, rule: CouponRule, message?: string) {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.rule).toBe(rule)
  if (message !== undefined) expect(result.message).toBe(message)
}

function expectOk(result: CouponEvaluation) {
  if (!result.ok) {
    throw new Error(`expected the coupon to apply, got ${result.rule}: ${result.message}`)
  }
  const sum = [...result.allocations, ...result.shipping_allocations].reduce((s, a) => s + a.amount, 0)
  expect(sum).toBe(result.discount_total)
  return result
}

describe("formatMoney", () => {
  it.each([
    [1000, "usd", "10.00 USD"],
    [5, "usd", "0.05 USD"],
    [0, "usd", "0.00 USD"],
    [123456789, "usd", "1234567.89 USD"],
    [1250, "USD", "12.50 USD"],
    [500, "jpy", "500 JPY"],
    [0, "jpy", "0 JPY"],
    [1250, "kwd", "1.250 KWD"],
    [1, "kwd", "0.001 KWD"],
    [123456, "clf", "12.3456 CLF"],
    [1999, "xyz", "19.99 XYZ"],
  ])("formats %p minor units of %s as %p", (minor, currency, expected) => {
    expect(formatMoney(minor, currency)).toBe(expected)
  })
})

describe("usageLimitMessage", () => {
  it("is plain when no use is held", () => {
    expect(usageLimitMessage("SAVE5", null)).toBe("Coupon SAVE5 has reached its usage limit.")
  })

  it("says when held uses free up", () => {
    expect(usageLimitMessage("SAVE5", new Date("2026-02-15T12:30:00.000Z"))).toBe(
      "Coupon SAVE5 has reached its usage limit; some uses are held by checkouts that have not completed, " +
        "and if they fail it frees up at 2026-02-15T12:30:00.000Z."
    )
  })
})

describe("evaluateCoupon", () => {
  it("applies the default valid input", () => {
    const result = expectOk(evaluate())
    expect(result).toEqual({
      ok: true,
      eligible_subtotal: 5000,
      discount_total: 1000,
      allocations: [{ item_id: "item_a", amount: 1000 }],
      shipping_allocations: [],
      ineligible: [],
    })
  })

  describe("1. enabled, exists, active, inside its window", () => {
    it("coupons_disabled", () => {
      expectFailure(evaluate({ settings: { enabled: false } }), "coupons_disabled", "Coupons are disabled in this store.")
    })

    it("unknown_code names the code as typed", () => {
      expectFailure(evaluate({ coupon: null, code: "NOPE42" }), "coupon_not_found", "Coupon code NOPE42 does not exist.")
    })

    it("coupon_inactive", () => {
      expectFailure(evaluate({ coupon: { is_active: false } }), "coupon_inactive", `Coupon ${CODE} is not active.`)
    })

    it("not_started gives the start day", () => {
      expectFailure(
        evaluate({ coupon: { starts_at: new Date("2026-03-01T00:00:00.000Z") } }),
        "coupon_not_started",
        `Coupon ${CODE} is not valid yet: it starts on 2026-03-01.`
      )
    })

    it("not_started accepts an ISO string and is exact to the millisecond", () => {
      expectFailure(evaluate({ coupon: { starts_at: "2026-02-15T12:00:00.001Z" } }), "coupon_not_started",
        `Coupon ${CODE} is not valid yet: it starts on 2026-02-15.`)
      expectOk(evaluate({ coupon: { starts_at: "2026-02-15T12:00:00.000Z" } }))
      expectOk(evaluate({ coupon: { starts_at: null } }))
    })

    it("expired gives the end day", () => {
      expectFailure(
        evaluate({ coupon: { ends_at: new Date("2026-02-01T00:00:00.000Z") } }),
        "coupon_expired",
        `Coupon ${CODE} has expired (it ended on 2026-02-01).`
      )
    })

    it("is expired from the instant ends_at is reached", () => {
      expectFailure(evaluate({ coupon: { ends_at: NOW } }), "coupon_expired", `Coupon ${CODE} has expired (it ended on 2026-02-15).`)
      expectFailure(evaluate({ coupon: { ends_at: NOW.toISOString() } }), "coupon_expired")
      expectOk(evaluate({ coupon: { ends_at: new Date(NOW.getTime() + 1) } }))
      expectOk(evaluate({ coupon: { ends_at: null } }))
    })
  })

  describe("2. blocklist", () => {
    it("customer_blocked", () => {
      expectFailure(
        evaluate({ customer_blocked: true }),
        "customer_blocked",
        "This customer is blocked from using coupons."
      )
    })
  })

  describe("3. order type and renewal", () => {
    it.each([
      ["absent metadata", null],
      ["no order_type", { other: 1 }],
      ["a null order_type", { order_type: null }],
      ["ordinary", { order_type: "ordinary" }],
      ["dropshipping", { order_type: "dropshipping" }],
      ["an allowed type in another case", { order_type: "Ordinary" }],
    ])("allows %s", (_label, metadata) => {
      expectOk(evaluate({ cart: { metadata: metadata as Record<string, unknown> | null } }))
    })

    it("order_type refuses a type not in the list and lists the allowed ones", () => {
      expectFailure(
        evaluate({ cart: { metadata: { order_type: "Wholesale" } } }),
        "order_type_not_allowed",
        "Coupons cannot be used on 'wholesale' orders; allowed order types: ordinary, dropshipping."
      )
    })

    it("follows the configured list of order types", () => {
      const settings = { allowed_order_types: ["ordinary", "wholesale"] }
      expectOk(evaluate({ settings, cart: { metadata: { order_type: "wholesale" } } }))
      expectFailure(
        evaluate({ settings, cart: { metadata: { order_type: "dropshipping" } } }),
        "order_type_not_allowed",
        "Coupons cannot be used on 'dropshipping' orders; allowed order types: ordinary, wholesale."
      )
    })

    it("renewal refuses a renewal cart unless the coupon is renewal_applicable", () => {
      expectFailure(
        evaluate({ cart: { metadata: { is_renewal: true } } }),
        "renewal_not_allowed",
        `Coupon ${CODE} cannot be used on renewal orders.`
      )
      expectOk(evaluate({ cart: { metadata: { is_renewal: true } }, coupon: { renewal_applicable: true } }))
    })

    it("counts only is_renewal === true as a renewal", () => {
      expectOk(evaluate({ cart: { metadata: { is_renewal: false } } }))
      expectOk(evaluate({ cart: { metadata: { is_renewal: "true" } } }))
    })
  })

  describe("4. first order, limits, holder", () => {
    it("first_order_only refuses a customer with a prior order", () => {
      expectFailure(
        evaluate({ coupon: { first_order_only: true }, usage: { customer_has_prior_order: true } }),
        "first_order_only",
        `Coupon ${CODE} is only for a customer's first order.`
      )
      expectOk(evaluate({ coupon: { first_order_only: true } }))
      expectOk(evaluate({ usage: { customer_has_prior_order: true } }))
    })

    it("customer_limit counts uses (held or redeemed) by this customer", () => {
      expectFailure(
        evaluate({ coupon: { usage_limit_per_customer: 2 }, usage: { by_customer: 2, total: 2 } }),
        "customer_limit_reached",
        `Coupon ${CODE} has already been used by this customer (limit 2 per customer).`
      )
      expectOk(evaluate({ coupon: { usage_limit_per_customer: 2 }, usage: { by_customer: 1, total: 1 } }))
    })

    it("usage_limit: plain message when no use is held", () => {
      expectFailure(
        evaluate({ coupon: { usage_limit: 5 }, usage: { total: 5 } }),
        "usage_limit_reached",
        `Coupon ${CODE} has reached its usage limit.`
      )
      expectFailure(evaluate({ coupon: { usage_limit: 5 }, usage: { total: 6 } }), "usage_limit_reached")
      expectOk(evaluate({ coupon: { usage_limit: 5 }, usage: { total: 4 } }))
    })

    it("held: says when the earliest hold frees the coupon", () => {
      const release = new Date("2026-02-15T12:25:00.000Z")
      expectFailure(
        evaluate({ coupon: { usage_limit: 1 }, usage: { total: 1, earliest_hold_release: release } }),
        "coupon_held",
        `Coupon ${CODE} has reached its usage limit; some uses are held by checkouts that have not completed, ` +
          "and if they fail it frees up at 2026-02-15T12:25:00.000Z."
      )
    })

    it("a hold alone does not refuse while the limit is not reached", () => {
      const release = new Date("2026-02-15T12:25:00.000Z")
      expectOk(evaluate({ coupon: { usage_limit: 3 }, usage: { total: 2, earliest_hold_release: release } }))
    })

    it("not_transferable: a serial code in another customer's wallet", () => {
      const message = "Coupon code WLT-7KQ9X2 belongs to another customer's wallet; coupons cannot be transferred."
      expectFailure(
        evaluate({ code: "WLT-7KQ9X2", serial: { customer_id: "cus_other", max_uses: 1, usage_count: 0 } }),
        "code_not_yours",
        message
      )
      // a guest cannot use a code held in someone's wallet either
      expectFailure(
        evaluate({
          code: "WLT-7KQ9X2",
          serial: { customer_id: "cus_other", max_uses: 1, usage_count: 0 },
          cart: { customer_id: null },
        }),
        "code_not_yours",
        message
      )
    })

    it("a serial code may be used by its holder, and an unassigned one by anyone", () => {
      expectOk(evaluate({ serial: { customer_id: "cus_1", max_uses: 1, usage_count: 0 } }))
      expectOk(evaluate({ serial: { customer_id: null, max_uses: 1, usage_count: 0 } }))
      expectOk(evaluate({ serial: { customer_id: null, max_uses: 1, usage_count: 0 }, cart: { customer_id: null } }))
    })

    it("expired: a serial code whose wallet entry expired, even though the coupon runs on", () => {
      const held = { customer_id: "cus_1", max_uses: 1, usage_count: 0 }
      expectFailure(
        evaluate({ code: "WLT-7KQ9X2", serial: { ...held, wallet_expires_at: "2026-02-15T12:00:00.000Z" } }),
        "coupon_expired",
        "Coupon code WLT-7KQ9X2 has expired: it was valid in your wallet until 2026-02-15."
      )
      expectOk(evaluate({ serial: { ...held, wallet_expires_at: "2026-02-15T12:00:00.001Z" } }))
      expectOk(evaluate({ serial: { ...held, wallet_expires_at: null } }))
    })

    it("usage_limit: a used-up serial code", () => {
      expectFailure(
        evaluate({ code: "SER-ABC123", serial: { customer_id: null, max_uses: 1, usage_count: 1 } }),
        "usage_limit_reached",
        "Coupon code SER-ABC123 has already been used."
      )
      // a fixed serial with quantity N is usable N times
      expectOk(evaluate({ serial: { customer_id: null, max_uses: 5, usage_count: 4 } }))
      expectFailure(evaluate({ serial: { customer_id: null, max_uses: 5, usage_count: 5 } }), "usage_limit_reached")
    })
  })

  describe("5. currency, eligible lines, minimum spend", () => {
    it("currency refuses a cart in another currency", () => {
      expectFailure(
        evaluate({ cart: { currency_code: "eur" } }),
        "currency_not_covered",
        `Coupon ${CODE} is for USD orders; this cart is in EUR.`
      )
    })

    it("compares currencies case-insensitively", () => {
      expectOk(evaluate({ coupon: { currency_code: "USD" }, cart: { currency_code: "usd" } }))
      expectOk(evaluate({ coupon: { currency_code: "usd" }, cart: { currency_code: "USD" } }))
    })

    it("a coupon without a currency (percentage) works in any currency", () => {
      const result = expectOk(
        evaluate({
          coupon: { type: "percentage", amount: null, percentage: 10, currency_code: null },
          cart: { currency_code: "jpy", items: [line({ id: "jp", unit_price: 1500, quantity: 1 })] },
        })
      )
      expect(result.discount_total).toBe(150)
    })

    it("no_eligible_items names the excluded kind", () => {
      expectFailure(
        evaluate({ cart: { items: [line({ product_metadata: { product_kind: "POD" } })] } }),
        "no_eligible_items",
        `Coupon ${CODE} does not apply to any item in this cart (no eligible items: product kind excluded from coupons (pod)).`
      )
    })

    it("no_eligible_items lists every reason, kinds de-duplicated", () => {
      const items = [
        line({ product_type: "Service" }),
        line({ requires_shipping: false }),
        line({ product_metadata: { product_kind: "service" } }),
        line({ product_id: "prod_other" }),
        line({ product_id: "prod_in", is_sale: true }),
        line({ product_id: "prod_in", is_giftcard: true }),
      ]
      // scope the coupon so that only the 4th line is out of scope
      const productIds = items.filter((l) => l.product_id !== "prod_other").map((l) => l.product_id as string)
      expectFailure(
        evaluate({ coupon: { product_ids: productIds, exclude_sale_items: true }, cart: { items } }),
        "no_eligible_items",
        `Coupon ${CODE} does not apply to any item in this cart (no eligible items: ` +
          "product kind excluded from coupons (service, virtual); not among the coupon's products or categories; " +
          "already on sale; not discountable)."
      )
    })

    it("no_eligible_items calls non-discountable lines not discountable", () => {
      expectFailure(
        evaluate({ cart: { items: [line({ is_discountable: false })] } }),
        "no_eligible_items",
        `Coupon ${CODE} does not apply to any item in this cart (no eligible items: not discountable).`
      )
    })

    it("min_spend exactly met is allowed", () => {
      expectOk(evaluate({ coupon: { min_spend: 50 } }))
    })

    it("min_spend is compared in minor units, never in floats (0.7 + 0.1 meets 0.8)", () => {
      const items = [line({ unit_price: 0.7 }), line({ unit_price: 0.1 })]
      const result = expectOk(evaluate({ coupon: { min_spend: 0.8, amount: 0.5 }, cart: { items } }))
      expect(result.eligible_subtotal).toBe(80)
      expect(result.discount_total).toBe(50)
    })

    it("min_spend states the missing amount in USD", () => {
      expectFailure(
        evaluate({ coupon: { min_spend: 60 } }),
        "min_spend_not_met",
        `Minimum spend not met for coupon ${CODE}: add 10.00 USD more of eligible items (minimum 60.00 USD, eligible now 50.00 USD).`
      )
    })

    it("min_spend states the missing amount in JPY (no minor units)", () => {
      expectFailure(
        evaluate({
          coupon: { currency_code: "jpy", amount: 300, min_spend: 3000 },
          cart: { currency_code: "jpy", items: [line({ unit_price: 2500, quantity: 1 })] },
        }),
        "min_spend_not_met",
        `Minimum spend not met for coupon ${CODE}: add 500 JPY more of eligible items (minimum 3000 JPY, eligible now 2500 JPY).`
      )
    })

    it("min_spend states the missing amount in KWD (three decimals)", () => {
      expectFailure(
        evaluate({
          coupon: { currency_code: "kwd", amount: 1, min_spend: 5 },
          cart: { currency_code: "kwd", items: [line({ unit_price: 1.25, quantity: 3 })] },
        }),
        "min_spend_not_met",
        `Minimum spend not met for coupon ${CODE}: add 1.250 KWD more of eligible items (minimum 5.000 KWD, eligible now 3.750 KWD).`
      )
    })

    it("min_spend counts only eligible lines", () => {
      const items = [line({ id: "ok", unit_price: 20 }), line({ id: "pod", unit_price: 100, product_type: "pod" })]
      expectFailure(
        evaluate({ coupon: { min_spend: 30 }, cart: { items } }),
        "min_spend_not_met",
        `Minimum spend not met for coupon ${CODE}: add 10.00 USD more of eligible items (minimum 30.00 USD, eligible now 20.00 USD).`
      )
    })
  })

  describe("eligible subtotal", () => {
    const base = () => line({ id: "base", product_id: "prod_base", unit_price: 20, quantity: 2 })

    it.each([
      ["an excluded product kind (metadata)", { product_metadata: { product_kind: "supplier" } }, "excluded_kind:supplier"],
      ["an excluded product kind (product type)", { product_type: "Video" }, "excluded_kind:video"],
      ["a line that needs no shipping (virtual)", { requires_shipping: false }, "excluded_kind:virtual"],
      ["a non-discountable line", { is_discountable: false }, "not_discountable"],
      ["a gift card", { is_giftcard: true }, "gift_card"],
    ])("excludes %s", (_label, overrides, reason) => {
      const items = [base(), line({ id: "other", unit_price: 30, ...(overrides as Partial<CartLineForEvaluation>) })]
      const result = expectOk(evaluate({ cart: { items } }))
      expect(result.eligible_subtotal).toBe(4000)
      expect(result.ineligible).toEqual([{ item_id: "other", reason }])
      expect(result.allocations).toEqual([{ item_id: "base", amount: 1000 }])
    })

    it("follows the store's excluded kinds setting", () => {
      const items = [base(), line({ id: "pod", unit_price: 30, product_type: "pod" })]
      const result = expectOk(evaluate({ cart: { items }, settings: { excluded_product_kinds: ["supplier"] } }))
      expect(result.eligible_subtotal).toBe(7000)
      expect(result.ineligible).toEqual([])
    })

    it("excludes sale items only when exclude_sale_items is on", () => {
      const items = [base(), line({ id: "sale", unit_price: 30, is_sale: true })]
      const off = expectOk(evaluate({ cart: { items } }))
      expect(off.eligible_subtotal).toBe(7000)

      const on = expectOk(evaluate({ coupon: { exclude_sale_items: true }, cart: { items } }))
      expect(on.eligible_subtotal).toBe(4000)
      expect(on.ineligible).toEqual([{ item_id: "sale", reason: "sale_item" }])
    })

    it("excludes lines outside the coupon's products", () => {
      const items = [base(), line({ id: "other", product_id: "prod_x", unit_price: 30 })]
      const result = expectOk(evaluate({ coupon: { product_ids: ["prod_base"] }, cart: { items } }))
      expect(result.eligible_subtotal).toBe(4000)
      expect(result.ineligible).toEqual([{ item_id: "other", reason: "not_in_scope" }])
    })

    it("includes lines in any sub-category of the scoped categories, and products listed by id", () => {
      const scoped = expandCategoryIds(["pcat_clothing"], [
        { id: "pcat_clothing", parent_category_id: null },
        { id: "pcat_shirts", parent_category_id: "pcat_clothing" },
        { id: "pcat_tshirts", parent_category_id: "pcat_shirts" },
        { id: "pcat_toys", parent_category_id: null },
      ])
      const items = [
        line({ id: "tshirt", unit_price: 10, product_category_ids: ["pcat_tshirts"] }),
        line({ id: "coat", unit_price: 20, product_category_ids: ["pcat_clothing"] }),
        line({ id: "toy", unit_price: 40, product_category_ids: ["pcat_toys"] }),
        line({ id: "listed", product_id: "prod_listed", unit_price: 5, product_category_ids: ["pcat_toys"] }),
        line({ id: "nocat", unit_price: 7, product_category_ids: [] }),
      ]
      const result = expectOk(
        evaluate({ coupon: { product_ids: ["prod_listed"] }, scoped_category_ids: scoped, cart: { items } })
      )
      expect(result.eligible_subtotal).toBe(3500)
      expect(result.ineligible).toEqual([
        { item_id: "toy", reason: "not_in_scope" },
        { item_id: "nocat", reason: "not_in_scope" },
      ])
      expect(result.allocations.map((a) => a.item_id)).toEqual(["tshirt", "coat", "listed"])
    })

    it("multiplies unit price by quantity in minor units", () => {
      const items = [line({ unit_price: 19.99, quantity: 3 })]
      expect(expectOk(evaluate({ cart: { items } })).eligible_subtotal).toBe(5997)
    })
  })

  describe("successful result", () => {
    it("even: $10 over $10/$5/$1 → 4.50/4.50/1.00", () => {
      const items = [
        line({ id: "a", unit_price: 10 }),
        line({ id: "b", unit_price: 5 }),
        line({ id: "c", unit_price: 1 }),
      ]
      const result = expectOk(evaluate({ cart: { items } }))
      expect(result.eligible_subtotal).toBe(1600)
      expect(result.discount_total).toBe(1000)
      expect(result.allocations).toEqual([
        { item_id: "a", amount: 450 },
        { item_id: "b", amount: 450 },
        { item_id: "c", amount: 100 },
      ])
    })

    it("even: $10 over three $10 lines → 3.34/3.33/3.33", () => {
      const items = [line({ id: "a", unit_price: 10 }), line({ id: "b", unit_price: 10 }), line({ id: "c", unit_price: 10 })]
      expect(expectOk(evaluate({ cart: { items } })).allocations).toEqual([
        { item_id: "a", amount: 334 },
        { item_id: "b", amount: 333 },
        { item_id: "c", amount: 333 },
      ])
    })

    it("even: ¥10 over three ¥10 lines → 4/3/3", () => {
      const items = [line({ id: "a", unit_price: 10 }), line({ id: "b", unit_price: 10 }), line({ id: "c", unit_price: 10 })]
      const result = expectOk(evaluate({ coupon: { currency_code: "jpy", amount: 10 }, cart: { currency_code: "jpy", items } }))
      expect(result.discount_total).toBe(10)
      expect(result.allocations.map((a) => a.amount)).toEqual([4, 3, 3])
    })

    it("fixed amount larger than the eligible subtotal discounts the subtotal only", () => {
      const items = [line({ id: "a", unit_price: 3 }), line({ id: "b", unit_price: 4 })]
      const result = expectOk(evaluate({ cart: { items } }))
      expect(result.discount_total).toBe(700)
      expect(result.allocations).toEqual([
        { item_id: "a", amount: 300 },
        { item_id: "b", amount: 400 },
      ])
    })

    it("proportional: $2.99 over $43/$14/$23 → 1.61/0.52/0.86", () => {
      const items = [line({ id: "a", unit_price: 43 }), line({ id: "b", unit_price: 14 }), line({ id: "c", unit_price: 23 })]
      const result = expectOk(evaluate({ coupon: { amount: 2.99, allocation: "proportional" }, cart: { items } }))
      expect(result.discount_total).toBe(299)
      expect(result.allocations).toEqual([
        { item_id: "a", amount: 161 },
        { item_id: "b", amount: 52 },
        { item_id: "c", amount: 86 },
      ])
    })

    it("proportional allocates over eligible lines only", () => {
      const items = [
        line({ id: "a", unit_price: 30 }),
        line({ id: "gift", unit_price: 100, is_giftcard: true }),
        line({ id: "b", unit_price: 10 }),
      ]
      const result = expectOk(evaluate({ coupon: { amount: 4, allocation: "proportional" }, cart: { items } }))
      expect(result.eligible_subtotal).toBe(4000)
      expect(result.allocations).toEqual([
        { item_id: "a", amount: 300 },
        { item_id: "b", amount: 100 },
      ])
      expect(result.ineligible).toEqual([{ item_id: "gift", reason: "gift_card" }])
    })

    it.each(["even", "proportional"] as const)("a 100%% coupon discounts every eligible line in full (%s)", (allocation) => {
      const items = [
        line({ id: "a", unit_price: 19.99, quantity: 2 }),
        line({ id: "b", unit_price: 0.01, quantity: 1 }),
        line({ id: "c", unit_price: 7.5, quantity: 3 }),
      ]
      const result = expectOk(
        evaluate({ coupon: { type: "percentage", amount: null, percentage: 100, allocation }, cart: { items } })
      )
      expect(result.eligible_subtotal).toBe(3998 + 1 + 2250)
      expect(result.discount_total).toBe(6249)
      expect(result.allocations).toEqual([
        { item_id: "a", amount: 3998 },
        { item_id: "b", amount: 1 },
        { item_id: "c", amount: 2250 },
      ])
    })

    it("percentage with max_discount: 20% of ₹3000 = ₹600, capped at ₹300", () => {
      const items = [line({ id: "a", unit_price: 2000 }), line({ id: "b", unit_price: 1000 })]
      const result = expectOk(
        evaluate({
          coupon: { type: "percentage", amount: null, percentage: 20, max_discount: 300, currency_code: "inr" },
          cart: { currency_code: "inr", items },
        })
      )
      expect(result.eligible_subtotal).toBe(300000)
      expect(result.discount_total).toBe(30000)
      expect(result.allocations).toEqual([
        { item_id: "a", amount: 15000 },
        { item_id: "b", amount: 15000 },
      ])
    })

    it("percentage below its cap is not capped, and proportional splits it", () => {
      const items = [line({ id: "a", unit_price: 2000 }), line({ id: "b", unit_price: 1000 })]
      const result = expectOk(
        evaluate({
          coupon: {
            type: "percentage",
            amount: null,
            percentage: 5,
            max_discount: 300,
            currency_code: "inr",
            allocation: "proportional",
          },
          cart: { currency_code: "inr", items },
        })
      )
      expect(result.discount_total).toBe(15000)
      expect(result.allocations).toEqual([
        { item_id: "a", amount: 10000 },
        { item_id: "b", amount: 5000 },
      ])
    })

    it("percentage rounds half up in minor units (15% of $3.30 = $0.495 → $0.50)", () => {
      const items = [line({ unit_price: 3.3 })]
      const result = expectOk(
        evaluate({ coupon: { type: "percentage", amount: null, percentage: 15, currency_code: null }, cart: { items } })
      )
      expect(result.discount_total).toBe(50)
    })
  })

  describe("rule order (docs/rules.md §2)", () => {
    const expired = { ends_at: new Date("2026-02-01T00:00:00.000Z") }
    const release = new Date("2026-02-15T12:30:00.000Z")

    const cases: [string, Overrides, CouponRule][] = [
      ["disabled + unknown code", { settings: { enabled: false }, coupon: null }, "coupons_disabled"],
      ["disabled + blocked", { settings: { enabled: false }, customer_blocked: true }, "coupons_disabled"],
      ["inactive + expired", { coupon: { is_active: false, ...expired } }, "coupon_inactive"],
      ["not started + blocked", { coupon: { starts_at: new Date("2026-03-01T00:00:00Z") }, customer_blocked: true }, "coupon_not_started"],
      ["expired + blocked customer", { coupon: expired, customer_blocked: true }, "coupon_expired"],
      ["blocked + disallowed order type", { customer_blocked: true, cart: { metadata: { order_type: "wholesale" } } }, "customer_blocked"],
      ["order type + renewal", { cart: { metadata: { order_type: "wholesale", is_renewal: true } } }, "order_type_not_allowed"],
      [
        "renewal + first order",
        { cart: { metadata: { is_renewal: true } }, coupon: { first_order_only: true }, usage: { customer_has_prior_order: true } },
        "renewal_not_allowed",
      ],
      [
        "first order + usage limit",
        { coupon: { first_order_only: true, usage_limit: 1 }, usage: { customer_has_prior_order: true, total: 1 } },
        "first_order_only",
      ],
      [
        "customer limit + usage limit",
        { coupon: { usage_limit_per_customer: 1, usage_limit: 1 }, usage: { by_customer: 1, total: 1 } },
        "customer_limit_reached",
      ],
      [
        "usage limit + another customer's serial",
        { coupon: { usage_limit: 1 }, usage: { total: 1 }, serial: { customer_id: "cus_other", max_uses: 1, usage_count: 0 } },
        "usage_limit_reached",
      ],
      [
        "held + another customer's serial",
        {
          coupon: { usage_limit: 1 },
          usage: { total: 1, earliest_hold_release: release },
          serial: { customer_id: "cus_other", max_uses: 1, usage_count: 0 },
        },
        "coupon_held",
      ],
      [
        "another customer's serial + used-up serial",
        { serial: { customer_id: "cus_other", max_uses: 1, usage_count: 1 } },
        "code_not_yours",
      ],
      [
        "used-up serial + currency",
        { serial: { customer_id: null, max_uses: 1, usage_count: 1 }, cart: { currency_code: "eur" } },
        "usage_limit_reached",
      ],
      [
        "currency + no eligible items",
        { cart: { currency_code: "eur", items: [line({ is_giftcard: true })] } },
        "currency_not_covered",
      ],
      [
        "no eligible items + min spend",
        { coupon: { min_spend: 1000 }, cart: { items: [line({ is_giftcard: true })] } },
        "no_eligible_items",
      ],
    ]

    it.each(cases.map(([label, overrides, rule]) => [label, rule, overrides] as const))(
      "%s → %s",
      (_label, rule, overrides) => {
        expectFailure(evaluate(overrides), rule)
      }
    )

    it("reports the first failing rule when everything fails", () => {
      const everything: Overrides = {
        coupon: { ...expired, first_order_only: true, usage_limit: 1, usage_limit_per_customer: 1, min_spend: 1000 },
        customer_blocked: true,
        cart: { currency_code: "eur", metadata: { order_type: "wholesale", is_renewal: true }, items: [line({ is_giftcard: true })] },
        usage: { total: 1, by_customer: 1, customer_has_prior_order: true, earliest_hold_release: release },
        serial: { customer_id: "cus_other", max_uses: 1, usage_count: 1 },
      }
      expectFailure(evaluate(everything), "coupon_expired", `Coupon ${CODE} has expired (it ended on 2026-02-01).`)
      expectFailure(evaluate({ ...everything, coupon: { ...everything.coupon, ends_at: null } }), "customer_blocked")
    })
  })
})

describe("evaluateCoupon: docs/rules.md §7.2", () => {
  describe("sales channels and regions", () => {
    it("channel_not_allowed when the cart's channel is not listed; empty list = everywhere", () => {
      expectFailure(
        evaluate({ coupon: { sales_channel_ids: ["sc_app"] }, cart: { sales_channel_id: "sc_web" } }),
        "channel_not_allowed",
        `Coupon ${CODE} cannot be used in this sales channel.`
      )
      expectOk(evaluate({ coupon: { sales_channel_ids: ["sc_app", "sc_web"] }, cart: { sales_channel_id: "sc_web" } }))
      expectOk(evaluate({ coupon: { sales_channel_ids: [] }, cart: { sales_channel_id: "sc_web" } }))
      expectFailure(evaluate({ coupon: { sales_channel_ids: ["sc_app"] } }), "channel_not_allowed")
    })

    it("region_not_allowed when the cart's region is not listed", () => {
      expectFailure(
        evaluate({ coupon: { region_ids: ["reg_eu"] }, cart: { region_id: "reg_us" } }),
        "region_not_allowed",
        `Coupon ${CODE} cannot be used in this cart's region.`
      )
      expectOk(evaluate({ coupon: { region_ids: ["reg_us"] }, cart: { region_id: "reg_us" } }))
    })
  })

  describe("customer groups", () => {
    const vip = { customer_group_ids: ["cg_vip"] }
    it("a member qualifies", () => {
      expectOk(evaluate({ coupon: vip, cart: { customer_group_ids: ["cg_other", "cg_vip"] } }))
    })
    it("a non-member is refused", () => {
      const result = evaluate({ coupon: vip, cart: { customer_group_ids: ["cg_other"] } })
      expectFailure(result, "customer_group_required", `Coupon ${CODE} is not available to this customer's group.`)
      expect(!result.ok && result.details).toEqual({ signed_in: true })
    })
    it("a guest never qualifies", () => {
      const result = evaluate({ coupon: vip, cart: { customer_id: null, customer_group_ids: ["cg_vip"] } })
      expectFailure(
        result,
        "customer_group_required",
        `Coupon ${CODE} is for members of certain customer groups: sign in to use it.`
      )
      expect(!result.ok && result.details).toEqual({ signed_in: false })
      // Medusa gives a guest cart a customer record without an account.
      expectFailure(
        evaluate({ coupon: vip, cart: { customer_has_account: false, customer_group_ids: ["cg_vip"] } }),
        "customer_group_required"
      )
    })
  })

  describe("minimum quantity of eligible units", () => {
    it("exactly met applies; one short is refused with how many more", () => {
      const items = [line({ id: "a", quantity: 2 }), line({ id: "b", quantity: 1 }), line({ id: "pod", quantity: 5, product_type: "pod" })]
      expectOk(evaluate({ coupon: { min_quantity: 3 }, cart: { items } }))
      const result = evaluate({ coupon: { min_quantity: 4 }, cart: { items } })
      expectFailure(
        result,
        "min_quantity_not_met",
        `Coupon ${CODE} needs at least 4 eligible items in the cart: add 1 more (eligible now 3).`
      )
      expect(!result.ok && result.details).toEqual({ min_quantity: 4, eligible_quantity: 3, missing_quantity: 1 })
    })
    it("is judged before the minimum spend", () => {
      expectFailure(evaluate({ coupon: { min_quantity: 5, min_spend: 1000 } }), "min_quantity_not_met")
    })
  })

  describe("several currencies", () => {
    const amounts = [
      { currency_code: "usd", amount: 10, min_spend: 50 },
      { currency_code: "EUR", amount: 8.5, min_spend: 40 },
      { currency_code: "jpy", amount: 1200 },
    ]
    const multi = { currency_code: null, amount: null, amounts }
    it("the cart's currency picks its amount, in that currency's minor units", () => {
      expect(expectOk(evaluate({ coupon: multi })).discount_total).toBe(1000)
      const eur = expectOk(evaluate({ coupon: multi, cart: { currency_code: "eur" } }))
      expect(eur.discount_total).toBe(850)
      const jpy = expectOk(
        evaluate({ coupon: multi, cart: { currency_code: "jpy", items: [line({ id: "j", unit_price: 3000 })] } })
      )
      expect(jpy.discount_total).toBe(1200)
    })
    it("and its minimum spend", () => {
      const result = evaluate({ coupon: multi, cart: { currency_code: "eur", items: [line({ unit_price: 39.99 })] } })
      expectFailure(result, "min_spend_not_met")
      expect(!result.ok && result.details).toMatchObject({ currency_code: "eur", missing_amount: 0.01, min_spend: 40 })
    })
    it("a percentage coupon's cap per currency", () => {
      const capped = {
        type: "percentage" as const,
        percentage: 50,
        amount: null,
        currency_code: null,
        amounts: [
          { currency_code: "usd", max_discount: 20 },
          { currency_code: "eur", max_discount: 15.5 },
        ],
      }
      expect(expectOk(evaluate({ coupon: capped })).discount_total).toBe(2000)
      expect(expectOk(evaluate({ coupon: capped, cart: { currency_code: "eur" } })).discount_total).toBe(1550)
    })
    it("currency_not_covered names the currencies it covers", () => {
      const result = evaluate({ coupon: multi, cart: { currency_code: "gbp" } })
      expectFailure(result, "currency_not_covered", `Coupon ${CODE} is for USD, EUR, JPY orders; this cart is in GBP.`)
      expect(!result.ok && result.details).toEqual({ currencies: ["usd", "eur", "jpy"] })
    })
    it("currency_code + amount stays a one-currency coupon", () => {
      const result = evaluate({ cart: { currency_code: "eur" } })
      expect(!result.ok && result.details).toEqual({ currencies: ["usd"] })
    })
  })

  describe("shipping coupons", () => {
    const freeShipping = { target: "shipping" as const, type: "percentage" as const, percentage: 100, amount: null }
    const methods = [{ id: "sm_1", amount: 10 }]
    it("100 % off makes the shipping free and leaves the items alone", () => {
      const result = expectOk(evaluate({ coupon: freeShipping, cart: { shipping_methods: methods } }))
      expect(result).toMatchObject({
        discount_total: 1000,
        allocations: [],
        shipping_allocations: [{ shipping_method_id: "sm_1", amount: 1000 }],
      })
    })
    it("a fixed amount off, never more than the shipping", () => {
      const fixed = { target: "shipping" as const, amount: 4.99 }
      expect(expectOk(evaluate({ coupon: fixed, cart: { shipping_methods: methods } })).shipping_allocations).toEqual([
        { shipping_method_id: "sm_1", amount: 499 },
      ])
      expect(
        expectOk(evaluate({ coupon: { ...fixed, amount: 25 }, cart: { shipping_methods: methods } })).discount_total
      ).toBe(1000)
    })
    it("a percentage with a cap, and methods above max_shipping_amount are not discounted", () => {
      const half = { ...freeShipping, percentage: 50, max_discount: 3 }
      expect(expectOk(evaluate({ coupon: half, cart: { shipping_methods: methods } })).discount_total).toBe(300)
      const twoMethods = [
        { id: "sm_cheap", amount: 10 },
        { id: "sm_express", amount: 25.01 },
      ]
      const result = expectOk(
        evaluate({ coupon: { ...freeShipping, percentage: 50, max_shipping_amount: 25 }, cart: { shipping_methods: twoMethods } })
      )
      expect(result.shipping_allocations).toEqual([{ shipping_method_id: "sm_cheap", amount: 500 }])
    })
    it("applies before shipping is chosen, with nothing to discount yet", () => {
      expect(expectOk(evaluate({ coupon: freeShipping })).discount_total).toBe(0)
    })
    it("country_not_allowed for an address outside country_codes, or none", () => {
      const us = { ...freeShipping, country_codes: ["us", "de"] }
      expectOk(evaluate({ coupon: us, cart: { shipping_country_code: "US", shipping_methods: methods } }))
      const result = evaluate({ coupon: us, cart: { shipping_country_code: "fr" } })
      expectFailure(result, "country_not_allowed", `Coupon ${CODE} is for shipping to US, DE; this cart ships to FR.`)
      expect(!result.ok && result.details).toEqual({ country_codes: ["us", "de"] })
      expectFailure(
        evaluate({ coupon: us }),
        "country_not_allowed",
        `Coupon ${CODE} is for shipping to US, DE; add a shipping address first.`
      )
    })
    it("minimum spend is judged on the eligible items", () => {
      expectFailure(
        evaluate({ coupon: { ...freeShipping, min_spend: 60 }, cart: { shipping_methods: methods } }),
        "min_spend_not_met"
      )
    })
  })
})
