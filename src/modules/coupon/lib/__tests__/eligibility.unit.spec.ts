import {
  DEFAULT_EXCLUDED_PRODUCT_KINDS,
  EligibilityLine,
  EligibilityRules,
  expandCategoryIds,
  isSaleItem,
  lineIneligibilityReason,
  productKindOf,
  productKindsOf,
} from "../eligibility"

const line = (overrides: Partial<EligibilityLine> = {}): EligibilityLine => ({
  id: "item_1",
  product_id: "prod_1",
  product_category_ids: [],
  is_discountable: true,
  is_giftcard: false,
  is_sale: false,
  product_metadata: null,
  product_type: null,
  requires_shipping: true,
  ...overrides,
})

const rules = (overrides: Partial<EligibilityRules> = {}): EligibilityRules => ({
  product_ids: [],
  scoped_category_ids: null,
  exclude_sale_items: false,
  excluded_kinds: DEFAULT_EXCLUDED_PRODUCT_KINDS,
  ...overrides,
})

describe("product kinds", () => {
  it("lists the default excluded kinds", () => {
    expect(DEFAULT_EXCLUDED_PRODUCT_KINDS).toEqual(["supplier", "pod", "virtual", "combination", "video", "service"])
  })

  it("prefers metadata.product_kind over the product type, case-insensitively", () => {
    expect(productKindOf({ product_metadata: { product_kind: " POD " }, product_type: "Shirt" })).toBe("pod")
    expect(productKindOf({ product_metadata: {}, product_type: " Service" })).toBe("service")
    expect(productKindOf({ product_metadata: { product_kind: "" }, product_type: "Video" })).toBe("video")
    expect(productKindOf({ product_metadata: { product_kind: 42 }, product_type: null })).toBeNull()
    expect(productKindOf({})).toBeNull()
  })

  it("adds virtual for lines that need no shipping", () => {
    expect(productKindsOf({ requires_shipping: false })).toEqual(["virtual"])
    expect(productKindsOf({ product_type: "Book", requires_shipping: false })).toEqual(["book", "virtual"])
    expect(productKindsOf({ product_type: "virtual", requires_shipping: false })).toEqual(["virtual"])
    expect(productKindsOf({ product_type: "Book", requires_shipping: true })).toEqual(["book"])
    expect(productKindsOf({ product_type: "Book", requires_shipping: null })).toEqual(["book"])
  })
})

describe("expandCategoryIds", () => {
  const tree = [
    { id: "clothing", parent_category_id: null },
    { id: "shirts", parent_category_id: "clothing" },
    { id: "tshirts", parent_category_id: "shirts" },
    { id: "vintage-tshirts", parent_category_id: "tshirts" },
    { id: "shoes", parent_category_id: "clothing" },
    { id: "toys", parent_category_id: null },
  ]

  it("includes all descendants at any depth", () => {
    expect(expandCategoryIds(["shirts"], tree)).toEqual(new Set(["shirts", "tshirts", "vintage-tshirts"]))
    expect(expandCategoryIds(["clothing"], tree)).toEqual(
      new Set(["clothing", "shirts", "tshirts", "vintage-tshirts", "shoes"])
    )
    expect(expandCategoryIds([], tree)).toEqual(new Set())
    expect(expandCategoryIds(["unknown"], tree)).toEqual(new Set(["unknown"]))
  })

  it("survives cycles", () => {
    const cyclic = [
      { id: "a", parent_category_id: "c" },
      { id: "b", parent_category_id: "a" },
      { id: "c", parent_category_id: "b" },
    ]
    expect(expandCategoryIds(["a"], cyclic)).toEqual(new Set(["a", "b", "c"]))
  })
})

describe("isSaleItem", () => {
  it("is a sale only when compare-at is above the price", () => {
    expect(isSaleItem(800, 1000)).toBe(true)
    expect(isSaleItem(1000, 1000)).toBe(false)
    expect(isSaleItem(1000, null)).toBe(false)
    expect(isSaleItem(1000, undefined)).toBe(false)
  })
})

describe("lineIneligibilityReason", () => {
  it("accepts an ordinary line under a store-wide coupon", () => {
    expect(lineIneligibilityReason(line(), rules())).toBeNull()
    expect(lineIneligibilityReason(line(), rules({ scoped_category_ids: new Set() }))).toBeNull()
  })

  it("scopes by product ids or the expanded category set", () => {
    const scoped = rules({ product_ids: ["prod_2"], scoped_category_ids: new Set(["shirts", "tshirts"]) })
    expect(lineIneligibilityReason(line(), scoped)).toBe("not_in_scope")
    expect(lineIneligibilityReason(line({ product_id: "prod_2" }), scoped)).toBeNull()
    expect(lineIneligibilityReason(line({ product_category_ids: ["toys", "tshirts"] }), scoped)).toBeNull()
    expect(lineIneligibilityReason(line({ product_id: null }), rules({ product_ids: ["prod_1"] }))).toBe("not_in_scope")
    expect(lineIneligibilityReason(line({ product_category_ids: ["shirts"] }), rules({ product_ids: ["prod_9"] }))).toBe(
      "not_in_scope"
    )
  })

  it("rejects non-discountable lines and gift cards", () => {
    expect(lineIneligibilityReason(line({ is_discountable: false }), rules())).toBe("not_discountable")
    expect(lineIneligibilityReason(line({ is_discountable: null }), rules())).toBeNull()
    expect(lineIneligibilityReason(line({ is_giftcard: true }), rules())).toBe("gift_card")
  })

  it("rejects sale items only when the coupon says so", () => {
    expect(lineIneligibilityReason(line({ is_sale: true }), rules())).toBeNull()
    expect(lineIneligibilityReason(line({ is_sale: true }), rules({ exclude_sale_items: true }))).toBe("sale_item")
  })

  it("rejects excluded kinds, including lines that need no shipping", () => {
    expect(lineIneligibilityReason(line({ product_metadata: { product_kind: "POD" } }), rules())).toBe(
      "excluded_kind:pod"
    )
    expect(lineIneligibilityReason(line({ product_type: "Service" }), rules())).toBe("excluded_kind:service")
    expect(lineIneligibilityReason(line({ requires_shipping: false }), rules())).toBe("excluded_kind:virtual")
    expect(lineIneligibilityReason(line({ product_type: "Book", requires_shipping: false }), rules())).toBe(
      "excluded_kind:virtual"
    )
    expect(lineIneligibilityReason(line({ product_type: "book" }), rules())).toBeNull()
    // The store may change the list (compared case-insensitively).
    expect(lineIneligibilityReason(line({ product_type: "pod" }), rules({ excluded_kinds: [] }))).toBeNull()
    expect(lineIneligibilityReason(line({ product_type: "book" }), rules({ excluded_kinds: ["Book"] }))).toBe(
      "excluded_kind:book"
    )
  })

  it("reports the first failing rule in rules §2 order", () => {
    const everythingWrong = line({
      product_id: "prod_x",
      is_discountable: false,
      is_giftcard: true,
      is_sale: true,
      product_type: "pod",
    })
    expect(lineIneligibilityReason(everythingWrong, rules({ product_ids: ["prod_1"], exclude_sale_items: true }))).toBe(
      "not_in_scope"
    )
    expect(lineIneligibilityReason(everythingWrong, rules({ exclude_sale_items: true }))).toBe("not_discountable")
    expect(
      lineIneligibilityReason({ ...everythingWrong, is_discountable: true }, rules({ exclude_sale_items: true }))
    ).toBe("sale_item")
    expect(lineIneligibilityReason({ ...everythingWrong, is_discountable: true }, rules())).toBe("gift_card")
  })
})
