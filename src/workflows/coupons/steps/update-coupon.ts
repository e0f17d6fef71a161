import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/** Updates one coupon; compensation writes back the fields it changed. */
export const updateCouponStep = createStep(
  "update-coupon",
  async (input: { id: string; update: Record<string, unknown> }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const fields = Object.keys(input.update)
    const previous = await couponService.retrieveCoupon(input.id, { select: ["id", ...fields] as any })
    const updated = await couponService.updateCoupons({ id: input.id, ...input.update } as any)
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).updateCoupons(previous as any)
  }
)
