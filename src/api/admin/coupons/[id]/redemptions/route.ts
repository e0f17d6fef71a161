import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type CouponModuleService from "../../../../../modules/coupon/service"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  await couponService.retrieveCoupon(req.params.id, { select: ["id"] })
  const { skip, take } = req.queryConfig.pagination
  const [redemptions, count] = await couponService.listAndCountCouponRedemptions(
    { coupon_id: req.params.id },
    { skip, take, order: { created_at: "DESC" } }
  )
  res.json({ redemptions, count, limit: take, offset: skip })
}
