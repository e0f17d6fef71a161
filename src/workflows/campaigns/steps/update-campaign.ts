import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { CampaignValues } from "./validate-campaign-definition"

/** Updates one campaign; the compensation writes back the fields it changed. */
export const updateCampaignStep = createStep(
  "update-coupon-campaign",
  async (input: { id: string; update: Partial<CampaignValues> }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const fields = Object.keys(input.update)
    const previous = await couponService.retrieveCouponCampaign(input.id, { select: ["id", ...fields] as any })
    const updated = await couponService.updateCouponCampaigns({ id: input.id, ...input.update } as any)
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).updateCouponCampaigns(previous as any)
  }
)
