import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../modules/coupon"
import type CouponModuleService from "../../modules/coupon/service"
import { normalizeCode } from "../../modules/coupon/lib/code-generation"

/**
 * The codes of a storefront's `promo_codes` (docs/rules.md §7.1), sorted: coupon
 * codes (shared or serial, any case) go to the coupon path, Medusa promotion
 * codes to Medusa's. A code that is both (a merchant created a promotion with
 * a coupon's code) is taken as the coupon's: a coupon code must keep working.
 */
export type SortedPromoCodes = {
  /** Coupon codes, normalized, each once. */
  coupons: string[]
  /** Codes of Medusa promotions applied by hand, as sent. */
  promotions: string[]
  /** Codes of Medusa's automatic promotions, as sent (storefronts send back every listed code). */
  automatic: string[]
  /** Neither a coupon's nor a promotion's: a guess. */
  unknown: string[]
}

export async function sortPromoCodes(container: MedusaContainer, codes: string[]): Promise<SortedPromoCodes> {
  const sent = [...new Set(codes.map((code) => String(code)))]
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [found, promotions] = await Promise.all([
    couponService.findCouponCodes([...new Set(sent.map(normalizeCode))]),
    sent.length
      ? query
          .graph({ entity: "promotion", fields: ["code", "is_automatic"], filters: { code: sent } })
          .then((r) => r.data as { code: string; is_automatic: boolean }[])
      : [],
  ])
  const couponCodes = new Set(found.map((row) => row.code))
  const promotionByCode = new Map<string, { code: string; is_automatic: boolean }>(
    (promotions as { code: string; is_automatic: boolean }[]).map((p) => [p.code, p])
  )
  const sorted: SortedPromoCodes = { coupons: [], promotions: [], automatic: [], unknown: [] }
  for (const code of sent) {
    const normalized = normalizeCode(code)
    if (couponCodes.has(normalized)) {
      if (!sorted.coupons.includes(normalized)) sorted.coupons.push(normalized)
    } else if (promotionByCode.has(code)) {
      ;(promotionByCode.get(code)!.is_automatic ? sorted.automatic : sorted.promotions).push(code)
    } else {
      sorted.unknown.push(code)
    }
  }
  return sorted
}
