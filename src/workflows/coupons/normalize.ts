import { normalizeCode } from "../../modules/coupon/lib/code-generation"

/** Codes are stored upper-case so lookups and the unique index ignore case. */
export function normalizeCouponInput<T extends { code?: string | null }>(input: T): T {
  return input.code ? { ...input, code: normalizeCode(input.code) } : input
}
