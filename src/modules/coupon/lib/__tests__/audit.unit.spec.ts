import { auditValue, changedFields, entriesWorthRecording } from "../audit"

describe("changedFields", () => {
  it("lists only the fields whose value differs, before → after", () => {
    expect(
      changedFields(
        { title: "A", usage_limit: 10, is_active: true, product_ids: ["p1"] },
        { title: "B", usage_limit: 10, is_active: false, product_ids: ["p1", "p2"] },
        ["title", "usage_limit", "is_active", "product_ids"]
      )
    ).toEqual({
      title: { before: "A", after: "B" },
      is_active: { before: true, after: false },
      product_ids: { before: ["p1"], after: ["p1", "p2"] },
    })
  })

  it("records a creation from null and a deletion to null, without bookkeeping or raw_ columns", () => {
    const row = { id: "coup_1", code: "X", amount: 5, raw_amount: { value: "5", precision: 20 }, usage_count: 0, created_at: new Date() }
    expect(changedFields(null, row)).toEqual({ code: { before: null, after: "X" }, amount: { before: null, after: 5 } })
    expect(changedFields(row, null)).toEqual({ code: { before: "X", after: null }, amount: { before: 5, after: null } })
  })

  it("compares dates and big numbers by value", () => {
    const when = "2027-01-01T00:00:00.000Z"
    expect(changedFields({ ends_at: new Date(when), amount: { numeric: 5 } }, { ends_at: when, amount: 5 })).toEqual({})
    expect(auditValue(undefined)).toBeNull()
  })
})

describe("entriesWorthRecording", () => {
  it("drops an update that changed nothing and keeps every other entry, even one without changes", () => {
    const entry = (action: string, changes = {}) => ({ resource_type: "coupon" as const, resource_id: "coup_1", action, changes })
    const changed = entry("updated", { title: { before: "A", after: "B" } })
    const deleted = entry("deleted")
    expect(entriesWorthRecording([entry("updated"), changed, deleted])).toEqual([changed, deleted])
  })
})
