import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { refuse } from "../../modules/coupon/errors"

/**
 * Like Medusa's `validateAndTransformBody`, but answers with the schema's own
 * messages ("usage_limit must be at least 1; leave it empty for no limit")
 * instead of Medusa's generic ones, and names the field every time.
 */
export function validateBody(schema: z.ZodType) {
  return async (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    const result = await schema.safeParseAsync(req.body ?? {})
    if (result.success) {
      req.validatedBody = result.data
      return next()
    }
    const issue = result.error.issues[0]
    // The field as data too (details.field), so callers need not read it from the message.
    const field = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]].join(".") : issue.path.join(".")
    next(
      refuse(
        "invalid_data",
        `Invalid request: ${describeIssue(issue, req.body)}`,
        field ? { field } : undefined,
        MedusaError.Types.INVALID_DATA
      )
    )
  }
}

function describeIssue(issue: z.core.$ZodIssue, body: unknown): string {
  const field = issue.path.join(".")
  if (issue.code === "unrecognized_keys") {
    const where = field ? ` in ${field}` : ""
    return `unknown field${issue.keys.length > 1 ? "s" : ""}${where}: ${issue.keys.join(", ")}`
  }
  if (issue.code === "invalid_type" && valueAt(body, issue.path) === undefined) {
    return `${field} is required`
  }
  if (!field || issue.message.startsWith(String(issue.path[0]))) {
    return issue.message
  }
  return `${field}: ${issue.message}`
}

function valueAt(body: unknown, path: PropertyKey[]) {
  return path.reduce<unknown>(
    (value, key) => (value && typeof value === "object" ? (value as any)[key as any] : undefined),
    body
  )
}
