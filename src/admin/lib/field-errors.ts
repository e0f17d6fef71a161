/**
 * The plugin's API names the field at fault at the start of its message
 * ("Invalid request: usage_limit must be at least 1…", "ends_at must be after
 * starts_at.", "Code SAVE10 is already used…"). Forms use the API's field
 * names, so the message can be shown under the field it is about.
 */
export function fieldOfMessage(message: string, fields: readonly string[]): string | null {
  const text = message.replace(/^Invalid request:\s*/i, "")
  // Longest names first: "usage_limit_per_customer" before "usage_limit".
  const sorted = [...fields].sort((a, b) => b.length - a.length)
  for (const field of sorted) {
    const pattern = new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=[\\s:.,]|$)`, "i")
    if (pattern.test(text)) return field
  }
  return null
}

export type FieldErrors = Record<string, string>

/** `{ [field]: message }` when the message names a field, else `{ form: message }`. */
export function fieldErrorsOf(message: string, fields: readonly string[]): FieldErrors {
  const field = fieldOfMessage(message, fields)
  return { [field ?? "form"]: message.replace(/^Invalid request:\s*/i, "") }
}
