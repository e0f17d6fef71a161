import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { storeRedemptionStats } from "../../../../modules/coupon/stats-queries"

/**
 * Orders placed with a coupon in the last 30 days and the discount they got
 * per currency (the dashboard's stat card):
 * `{ stats: { since, days, redemptions, discount_totals: [{ currency_code, amount }] } }`.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  res.json({ stats: await storeRedemptionStats(knex, new Date()) })
}
