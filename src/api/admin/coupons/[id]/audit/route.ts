import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type CouponModuleService from "../../../../../modules/coupon/service"
import { listAuditEntries } from "../../../coupon-audit/present"

/**
 * The coupon's history (docs/rules.md §7.4), newest first: its own changes and
 * those of its campaigns (see listAuditEntries). A deleted coupon keeps its history.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  const [coupon] = await couponService.listCoupons({ id: req.params.id }, { select: ["id"], withDeleted: true })
  if (!coupon) {
    await couponService.retrieveCoupon(req.params.id, { select: ["id"] }) // the 404 Medusa words itself
  }
  res.json(await listAuditEntries(req.scope, { coupon_id: req.params.id }, req.queryConfig.pagination as { skip: number; take: number }))
}
