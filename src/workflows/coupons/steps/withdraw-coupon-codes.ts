import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Soft-deletes every serial code of deleted coupons with one UPDATE, so their
 * codes are free again; a coupon may own a million codes, which the ORM's
 * cascade would load one by one. Undone by restoring the codes stamped with
 * this step's time.
 */
export const withdrawCouponCodesStep = createStep(
  "withdraw-coupon-codes",
  async (couponIds: string[], { container }) => {
    const deletedAt = new Date()
    await container.resolve<CouponModuleService>(COUPON_MODULE).withdrawCodesOfCoupons(couponIds, deletedAt)
    return new StepResponse(void 0, { coupon_ids: couponIds, deleted_at: deletedAt })
  },
  async (input, { container }) => {
    if (!input?.coupon_ids.length) return
    await container
      .resolve<CouponModuleService>(COUPON_MODULE)
      .reinstateCodesOfCoupons(input.coupon_ids, new Date(input.deleted_at))
  }
)
