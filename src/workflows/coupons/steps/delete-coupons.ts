import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Soft-deletes coupons (their codes go with them, so the codes are free
 * again); redemptions and wallet entries keep pointing at the row for history.
 */
export const deleteCouponsStep = createStep(
  "delete-coupons",
  async (ids: string[], { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.softDeleteCoupons(ids)
    return new StepResponse(void 0, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).restoreCoupons(ids)
  }
)
