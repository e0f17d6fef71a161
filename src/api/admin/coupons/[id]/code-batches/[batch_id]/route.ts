import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../../../../modules/coupon"
import type CouponModuleService from "../../../../../../modules/coupon/service"
import { presentBatch } from "../../codes/present"

/** A code batch of the coupon, polled while its codes are generated. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  await couponService.retrieveCoupon(req.params.id, { select: ["id"] })
  const [batch] = await couponService.listCouponCodeBatches({ id: req.params.batch_id, coupon_id: req.params.id })
  if (!batch) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Code batch with id ${req.params.batch_id} was not found for coupon ${req.params.id}.`
    )
  }
  res.json({ batch: presentBatch(batch) })
}
