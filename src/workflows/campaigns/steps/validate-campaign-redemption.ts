import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { campaignRedemptionError, campaignValidityStart } from "../../../modules/coupon/lib/campaign"

export type CampaignRedemptionPlan = {
  recipient_id: string
  customer_id: string
  campaign_id: string
  coupon_id: string
  /** When the wallet entry's validity starts: the sending or the redemption. */
  expires_from: Date
  validity_days: number
  redeemed_at: Date
}

/**
 * Judges a Redeem click before anything is written, in words for the
 * shopper: the link must be valid and not redeemed yet, the coupon not ended
 * (redeeming after the sending period is fine) nor paused, and the contact
 * under the campaign's per-contact limit. The wallet grant and the final
 * locked re-check follow in the workflow.
 */
export const validateCampaignRedemptionStep = createStep(
  "validate-coupon-campaign-redemption",
  async (input: { token: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const now = new Date()
    const [recipient] = await couponService.listCouponCampaignRecipients(
      { token: input.token },
      { relations: ["campaign"], take: 1 }
    )
    if (!recipient?.campaign) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "This coupon link is not valid.")
    }
    if (recipient.status === "redeemed" || recipient.status === "verified") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This coupon has already been redeemed.")
    }
    const campaign = recipient.campaign
    const [coupon] = await couponService.listCoupons({ id: campaign.coupon_id }, { select: ["id", "is_active", "ends_at"] })
    if (!coupon) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "This coupon is no longer available.")
    }
    const [, redeemedByContact] = await couponService.listAndCountCouponCampaignRecipients(
      { campaign_id: campaign.id, customer_id: recipient.customer_id, status: ["redeemed", "verified"] },
      { select: ["id"], take: 1 }
    )
    const error = campaignRedemptionError({
      coupon,
      per_contact_limit: campaign.per_contact_limit,
      redeemed_by_contact: redeemedByContact,
      now,
    })
    if (error) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, error)
    }
    const plan: CampaignRedemptionPlan = {
      recipient_id: recipient.id,
      customer_id: recipient.customer_id,
      campaign_id: campaign.id,
      coupon_id: campaign.coupon_id,
      expires_from: campaignValidityStart(campaign.expiry_mode, recipient.sent_at, now),
      validity_days: campaign.expiry_days,
      redeemed_at: now,
    }
    return new StepResponse(plan)
  }
)
