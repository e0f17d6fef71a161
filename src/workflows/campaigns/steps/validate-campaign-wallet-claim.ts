import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { refuse } from "../../../modules/coupon/errors"
import { campaignValidityStart, perContactLimitMessage } from "../../../modules/coupon/lib/campaign"

export type CampaignWalletClaimPlan = {
  recipient_id: string
  customer_id: string
  campaign_id: string
  coupon_id: string
  code: string
  expires_from: Date
  validity_days: number
}

/**
 * A contact who redeemed without a store account opens the link again signed
 * in: judges, before anything is written, that the coupon can go to this
 * customer's wallet — the link is redeemed, has no customer yet, and the
 * customer is under the campaign's per-contact limit with it.
 */
export const validateCampaignWalletClaimStep = createStep(
  "validate-coupon-campaign-wallet-claim",
  async (input: { recipient_id: string; customer_id: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const [recipient] = await couponService.listCouponCampaignRecipients({ id: input.recipient_id }, { relations: ["campaign"], take: 1 })
    if (!recipient?.campaign) throw refuse("not_found", "This coupon link is not valid.")
    if (recipient.customer_id && recipient.customer_id !== input.customer_id) {
      throw refuse("not_allowed", "This coupon was sent to someone else: it can only be redeemed by the contact it was sent to.")
    }
    if (!recipient.code || (recipient.status !== "redeemed" && recipient.status !== "verified") || recipient.customer_id) {
      throw refuse("not_allowed", "This coupon is not waiting to be added to a wallet.")
    }
    const campaign = recipient.campaign
    const [, redeemedByCustomer] = await couponService.listAndCountCouponCampaignRecipients(
      { campaign_id: campaign.id, customer_id: input.customer_id, status: ["redeemed", "verified"] },
      { select: ["id"], take: 1 }
    )
    // This link is redeemed already and becomes the customer's: it must fit within the limit with theirs.
    if (redeemedByCustomer + 1 > campaign.per_contact_limit) {
      throw refuse("customer_limit_reached", perContactLimitMessage(campaign.per_contact_limit), {
        per_contact_limit: campaign.per_contact_limit,
      })
    }
    const plan: CampaignWalletClaimPlan = {
      recipient_id: recipient.id,
      customer_id: input.customer_id,
      campaign_id: campaign.id,
      coupon_id: campaign.coupon_id,
      code: recipient.code,
      expires_from: campaignValidityStart(campaign.expiry_mode, recipient.sent_at, new Date(recipient.redeemed_at!)),
      validity_days: campaign.expiry_days,
    }
    return new StepResponse(plan)
  }
)
