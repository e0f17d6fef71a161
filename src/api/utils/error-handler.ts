import { errorHandler, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refusalOf } from "../../modules/coupon/errors"
import type { RefusalCode } from "../../modules/coupon/lib/refusal"

const medusaErrorHandler = errorHandler()

/** A code for 4xx answers that carry none (Medusa's own and validation errors). */
const CODE_OF_STATUS: Record<number, RefusalCode> = {
  400: "invalid_data",
  404: "not_found",
  409: "conflict",
  422: "invalid_data",
}

/**
 * Medusa's error handler, answering every 4xx as `{ type, message, code,
 * details? }` (docs/rules.md §7.3): a plugin refusal keeps its own code and adds
 * its details; any other 4xx gets the generic code of its status, so callers
 * never need the message to tell refusals apart.
 */
export function couponErrorHandler(err: unknown, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const status = clientErrorStatus(err)
  if (status) {
    // Express says a request is bad with `status` (a path that is not valid
    // percent-encoding); Medusa's handler would answer that 500.
    res.status(status).json({ type: "invalid_data", code: "invalid_data", message: `Invalid request: ${(err as Error).message}` })
    return
  }
  if (isDatabaseConnectionLost(err)) {
    // A fault, not the caller's mistake: said so, and that a retry is the remedy.
    res.status(503).json({
      type: "unavailable",
      code: "database_unavailable",
      message: "The connection to the database was lost while handling this request. Please try again.",
    })
    return
  }
  const refusal = refusalOf(err)
  const json = res.json.bind(res)
  res.json = (body: any) => {
    if (body && typeof body === "object" && res.statusCode >= 400 && res.statusCode < 500) {
      body = { ...body, code: body.code ?? CODE_OF_STATUS[res.statusCode] ?? "not_allowed" }
      if (refusal?.details) body.details = refusal.details
    }
    return json(body)
  }
  return medusaErrorHandler(err as any, req, res, next)
}

/**
 * The 4xx status an Express error carries (the URIError of a path that is
 * not valid percent-encoding), else null. Medusa's own handler answers
 * MedusaErrors and body-parser's http-errors (marked by `expose`) itself.
 */
function clientErrorStatus(err: unknown): number | null {
  if (!err || typeof err !== "object" || MedusaError.isMedusaError(err)) return null
  if (typeof (err as any).expose === "boolean") return null
  const status = Number((err as any).status ?? (err as any).statusCode)
  return status >= 400 && status < 500 ? status : null
}

/**
 * PostgreSQL ended the request's connection (a failover, a restart,
 * pg_terminate_backend): SQLSTATE class 57P (operator intervention) or 08
 * (connection exception), or node-postgres' own words for a connection that
 * went away. Medusa's handler would answer "An unknown error occurred." (500).
 */
export function isDatabaseConnectionLost(err: unknown): boolean {
  if (!err || typeof err !== "object") return false
  const code = String((err as any).code ?? "")
  if (/^(57P0[123]|08\d{3})$/.test(code)) return true
  const message = String((err as any).message ?? "")
  return /terminating connection due to administrator command|Connection terminated unexpectedly|connection.*ended unexpectedly/i.test(message)
}
