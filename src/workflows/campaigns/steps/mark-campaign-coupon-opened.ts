import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Records the first view of a coupon page (`opened_at`, status `opened`);
 * later views change nothing. The compensation undoes a first view.
 */
export const markCampaignCouponOpenedStep = createStep(
  "mark-coupon-campaign-coupon-opened",
  async (input: { recipient_id: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const first = await couponService.markCampaignRecipientOpened({ recipient_id: input.recipient_id, opened_at: new Date() })
    return new StepResponse(first, first ? input.recipient_id : null)
  },
  async (recipientId, { container }) => {
    if (!recipientId) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).unmarkCampaignRecipientOpened(recipientId)
  }
)
