import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

export const createCouponsStep = createStep(
  "create-coupons",
  async (input: Record<string, unknown>[], { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const coupons = await couponService.createCoupons(input as any)
    return new StepResponse(coupons, coupons.map((c) => c.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).deleteCoupons(ids)
  }
)
