import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { CampaignValues } from "./validate-campaign-definition"

/** Creates one campaign; the compensation deletes it. */
export const createCampaignStep = createStep(
  "create-coupon-campaign",
  async (values: CampaignValues, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const campaign = await couponService.createCouponCampaigns(values as any)
    return new StepResponse(campaign, campaign.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).deleteCouponCampaigns(id)
  }
)
