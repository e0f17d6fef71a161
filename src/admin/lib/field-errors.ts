import { errorMessage } from "./format"
import { detailsOf } from "./request"

export type FieldErrors = Record<string, string>

/**
 * The field a refusal is about, from its `details.field` (docs/api.md), among
 * the form's fields: the field itself, or the form field a nested path sits
 * in ("excluded_product_kinds.0" → "excluded_product_kinds"). Null when the
 * refusal names no field of the form.
 */
export function fieldOfError(error: unknown, fields: readonly string[]): string | null {
  const field = detailsOf(error)?.field
  if (typeof field !== "string") return null
  if (fields.includes(field)) return field
  // Longest names first: "usage_limit_per_customer" before "usage_limit".
  const sorted = [...fields].sort((a, b) => b.length - a.length)
  return sorted.find((name) => field.startsWith(`${name}.`)) ?? null
}

/** `{ [field]: message }` when the refusal names a field of the form, else `{ form: message }`. */
export function fieldErrorsOf(error: unknown, fields: readonly string[]): FieldErrors {
  // The request-wide prefix says nothing once the message sits under its field.
  const message = errorMessage(error).replace(/^Invalid request:\s*/i, "")
  return { [fieldOfError(error, fields) ?? "form"]: message }
}
