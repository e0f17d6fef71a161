import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Soft-deletes a campaign and its recipients, so its coupon page links stop
 * working (404); wallet entries already redeemed stay in their wallets. The
 * compensation restores both.
 */
export const deleteCampaignStep = createStep(
  "delete-coupon-campaign",
  async (id: string, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const recipients = await couponService.listCouponCampaignRecipients({ campaign_id: id }, { select: ["id"] })
    const recipientIds = recipients.map((r) => r.id)
    if (recipientIds.length) await couponService.softDeleteCouponCampaignRecipients(recipientIds)
    await couponService.softDeleteCouponCampaigns([id])
    return new StepResponse(void 0, { id, recipientIds })
  },
  async (deleted, { container }) => {
    if (!deleted) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.restoreCouponCampaigns([deleted.id])
    if (deleted.recipientIds.length) await couponService.restoreCouponCampaignRecipients(deleted.recipientIds)
  }
)
