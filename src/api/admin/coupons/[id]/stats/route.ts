import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type CouponModuleService from "../../../../../modules/coupon/service"
import { couponRedemptionStats } from "../../../../../modules/coupon/stats-queries"

/**
 * The coupon's orders and discount per UTC day over the last 30 days (the
 * detail page's chart): `{ stats: { since, currencies, days: [{ date,
 * redemptions, discount_totals: [{ currency_code, amount }] }] } }`.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await req.scope.resolve<CouponModuleService>(COUPON_MODULE).retrieveCoupon(req.params.id, { select: ["id"] })
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  res.json({ stats: await couponRedemptionStats(knex, req.params.id, new Date()) })
}
