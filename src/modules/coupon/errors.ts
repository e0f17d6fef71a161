import { MedusaError } from "@medusajs/framework/utils"
import type { Refusal, RefusalCode } from "./lib/refusal"

/*
 * The one place a refusal (lib/refusal.ts) becomes an HTTP error. The error
 * is a MedusaError, so Medusa's own error handler answers it with its status
 * and `code`; the plugin's error handler (api/middlewares.ts) adds `details`.
 */

const STATUS_TYPE: Partial<Record<RefusalCode, string>> = {
  coupon_not_found: MedusaError.Types.NOT_FOUND,
  not_found: MedusaError.Types.NOT_FOUND,
  invalid_data: MedusaError.Types.INVALID_DATA,
}

export class CouponRefusalError extends MedusaError {
  readonly details?: Record<string, unknown>
  constructor(refusal: Refusal, type?: string) {
    super(type ?? STATUS_TYPE[refusal.code] ?? MedusaError.Types.NOT_ALLOWED, refusal.message, refusal.code)
    this.details = refusal.details
  }
}

/** The refusal an error carries, when it is one of the plugin's. */
export function refusalOf(error: unknown): Refusal | null {
  if (!MedusaError.isMedusaError(error)) return null
  const { code, message } = error as MedusaError
  if (!code) return null
  const details = (error as CouponRefusalError).details
  return { code: code as RefusalCode, message, ...(details ? { details } : {}) }
}

export const refuse = (code: RefusalCode, message: string, details?: Record<string, unknown>, type?: string) =>
  new CouponRefusalError({ code, message, ...(details ? { details } : {}) }, type)
