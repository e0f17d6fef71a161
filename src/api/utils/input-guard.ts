import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { refuse } from "../../modules/coupon/errors"

/*
 * docs/rules.md §7.5: control characters and NUL bytes in any input are a 400
 * like any other bad input. PostgreSQL refuses U+0000 in text and jsonb, so
 * without this a NUL in a blocklist reason, a coupon id in the URL or a
 * coupon page token reached the database and answered 500. One guard in
 * front of every route of the plugin judges the path, the query and the
 * body (keys and values) before any route-specific validator runs, so every
 * route refuses them the same way, with the place named.
 */

/** C0 controls and DEL. Tab, line feed and carriage return stay allowed in bodies (a multi-line description). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
/** In a path or query every control character is refused. */
const CONTROL_STRICT = /[\u0000-\u001F\u007F]/
/** Nesting deeper than any body or query of the plugin has. */
const MAX_DEPTH = 16

function describe(where: string, text: string, pattern: RegExp): string | null {
  const match = pattern.exec(text)
  if (!match) return null
  const unit = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")
  return `${where} contains a control character (U+${unit}) at position ${match.index + 1}; remove it and send the request again`
}

/**
 * The first problem in a parsed value (strings, keys, nesting), or null;
 * `label` names a place from its path ("reason", "query parameter q").
 */
function findProblem(value: unknown, path: string, label: (path: string) => string, pattern: RegExp, depth = 0): string | null {
  if (typeof value === "string") return describe(label(path), value, pattern)
  if (value === null || typeof value !== "object") return null
  if (depth >= MAX_DEPTH) return `${label(path)} is nested more than ${MAX_DEPTH} levels deep`
  for (const [key, inner] of Object.entries(value)) {
    const inside = path ? `${path}.${key}` : key
    const problem = describe(`a field name in ${label(path)}`, key, pattern) ?? findProblem(inner, inside, label, pattern, depth + 1)
    if (problem) return problem
  }
  return null
}

const bodyLabel = (path: string) => (path ? path : "the body")
const queryLabel = (path: string) => (path ? `query parameter ${path}` : "the query")

/** The path's segments, decoded; a segment that is not valid percent-encoding is a problem of its own. */
function pathProblem(originalUrl: string): string | null {
  const path = originalUrl.split("?")[0]
  for (const segment of path.split("/")) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return `the URL path segment "${segment.slice(0, 40)}" is not valid percent-encoding`
    }
    const problem = describe("the URL path", decoded, CONTROL_STRICT)
    if (problem) return problem
  }
  return null
}

export function guardInput(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const problem =
    pathProblem(req.originalUrl) ??
    findProblem(req.query, "", queryLabel, CONTROL_STRICT) ??
    findProblem(req.body, "", bodyLabel, CONTROL)
  if (problem) return next(refuse("invalid_data", `Invalid request: ${problem}.`))
  next()
}

/**
 * Every route prefix of the plugin. Middlewares without `methods` are
 * registered by Medusa ahead of route-specific ones (its "global" bucket),
 * and Express matches these as prefixes, sub-paths included.
 */
const PLUGIN_PREFIXES = [
  "/admin/coupons",
  "/admin/coupon-settings",
  "/admin/coupon-consistency",
  "/admin/coupon-audit",
  "/admin/coupon-blocklist",
  "/admin/coupon-campaigns",
  "/admin/customers/:id/coupons",
  "/admin/orders/:id/coupon",
  "/admin/products/:id/coupon-eligibility",
  "/store/carts/:id/coupon",
  "/store/carts/:id/coupon-options",
  "/store/customers/me/coupons",
  "/coupon-pages",
]

export const inputGuardMiddlewares: MiddlewareRoute[] = PLUGIN_PREFIXES.map((matcher) => ({
  matcher,
  middlewares: [guardInput],
}))
