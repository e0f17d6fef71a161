import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * The consistency check: every coupon's and serial code's usage counter
 * against its live uses, every wallet entry's state against its order's use,
 * held uses whose cart became an order. Reports drift, changes nothing.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const report = await req.scope.resolve<CouponModuleService>(COUPON_MODULE).checkConsistency()
  res.json({ consistency: report })
}
