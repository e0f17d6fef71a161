import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { refuse } from "../../../modules/coupon/errors"
import { campaignRedemptionRefusal, campaignValidityStart } from "../../../modules/coupon/lib/campaign"

export type CampaignRedemptionPlan = {
  recipient_id: string
  /** Whose wallet the coupon goes to: the recipient's customer, or the one signed in on the page; null for a contact without an account. */
  customer_id: string | null
  /** The recipient's customer before this redemption (a compensation puts it back). */
  previous_customer_id: string | null
  channel: string
  contact_id: string
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
  async (input: { token: string; customer_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const now = new Date()
    const [recipient] = await couponService.listCouponCampaignRecipients(
      { token: input.token },
      { relations: ["campaign"], take: 1 }
    )
    if (!recipient?.campaign) {
      throw refuse("not_found", "This coupon link is not valid.")
    }
    if (recipient.status === "redeemed" || recipient.status === "verified") {
      throw refuse("not_allowed", "This coupon has already been redeemed.")
    }
    if (recipient.customer_id && input.customer_id && recipient.customer_id !== input.customer_id) {
      throw refuse("not_allowed", "This coupon was sent to someone else: it can only be redeemed by the contact it was sent to.")
    }
    const customerId = recipient.customer_id ?? input.customer_id ?? null
    const campaign = recipient.campaign
    const [coupon] = await couponService.listCoupons({ id: campaign.coupon_id }, { select: ["id", "is_active", "ends_at"] })
    if (!coupon) {
      throw refuse("not_found", "This coupon is no longer available.")
    }
    const [, redeemedByContact] = await couponService.listAndCountCouponCampaignRecipients(
      {
        campaign_id: campaign.id,
        status: ["redeemed", "verified"],
        // The same contact, or the same customer on another channel.
        $or: [
          { channel: recipient.channel, contact_id: recipient.contact_id },
          ...(customerId ? [{ customer_id: customerId }] : []),
        ],
      } as any,
      { select: ["id"], take: 1 }
    )
    const refusal = campaignRedemptionRefusal({
      coupon,
      per_contact_limit: campaign.per_contact_limit,
      redeemed_by_contact: redeemedByContact,
      now,
    })
    if (refusal) {
      throw refuse(refusal.code, refusal.message, refusal.code === "customer_limit_reached" ? { per_contact_limit: campaign.per_contact_limit } : undefined)
    }
    const plan: CampaignRedemptionPlan = {
      recipient_id: recipient.id,
      customer_id: customerId,
      previous_customer_id: recipient.customer_id ?? null,
      channel: recipient.channel,
      contact_id: recipient.contact_id,
      campaign_id: campaign.id,
      coupon_id: campaign.coupon_id,
      expires_from: campaignValidityStart(campaign.expiry_mode, recipient.sent_at, now),
      validity_days: campaign.expiry_days,
      redeemed_at: now,
    }
    return new StepResponse(plan)
  }
)
