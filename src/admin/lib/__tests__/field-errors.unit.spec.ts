import { fieldErrorsOf, fieldOfError } from "../field-errors"
import { ApiError } from "../request"

const refusal = (message: string, details: Record<string, unknown> | null) =>
  new ApiError(message, 400, "invalid_data", details)

describe("fieldOfError", () => {
  const fields = ["usage_limit", "usage_limit_per_customer", "excluded_product_kinds"]

  it("reads the field from details.field, whatever the message says", () => {
    expect(fieldOfError(refusal("Uses per customer must be at least 1", { field: "usage_limit_per_customer" }), fields)).toBe(
      "usage_limit_per_customer"
    )
    // A message starting with another field's name does not decide.
    expect(fieldOfError(refusal("usage_limit must be at least 1", { field: "usage_limit_per_customer" }), fields)).toBe(
      "usage_limit_per_customer"
    )
  })

  it("maps a nested path to the form field it sits in", () => {
    expect(fieldOfError(refusal("x", { field: "excluded_product_kinds.0" }), fields)).toBe("excluded_product_kinds")
  })

  it("is null without details.field, for a field the form does not have, or for an error that is not a refusal", () => {
    expect(fieldOfError(refusal("usage_limit must be at least 1", null), fields)).toBeNull()
    expect(fieldOfError(refusal("x", { field: "title" }), fields)).toBeNull()
    expect(fieldOfError(new Error("usage_limit must be at least 1"), fields)).toBeNull()
  })
})

describe("fieldErrorsOf", () => {
  it("puts the message under the field, or under form when it names none", () => {
    expect(fieldErrorsOf(refusal("Invalid request: usage_limit must be at least 1", { field: "usage_limit" }), ["usage_limit"])).toEqual({
      usage_limit: "usage_limit must be at least 1",
    })
    expect(fieldErrorsOf(refusal("Coupons are switched off.", null), ["usage_limit"])).toEqual({ form: "Coupons are switched off." })
  })
})
