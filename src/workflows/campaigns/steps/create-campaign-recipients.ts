import { randomBytes } from "node:crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { CampaignSendPlan } from "./prepare-campaign-send"

/**
 * 24 random bytes: the coupon page link is the only thing that proves who
 * its holder is, so it must not be guessable (192 bits, 32 URL-safe chars).
 */
export const newRecipientToken = () => randomBytes(24).toString("base64url")

/** One recipient (status `sent`) per contact, each with its own page token; the compensation deletes them. */
export const createCampaignRecipientsStep = createStep(
  "create-coupon-campaign-recipients",
  async (plan: CampaignSendPlan, { container }) => {
    if (!plan.contacts.length) return new StepResponse([], [] as string[])
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const recipients = await couponService.createCouponCampaignRecipients(
      plan.contacts.map((c) => ({
        campaign_id: plan.campaign.id,
        customer_id: c.customer_id,
        token: newRecipientToken(),
        status: "sent" as const,
        sent_at: plan.sent_at,
      }))
    )
    return new StepResponse(
      recipients,
      recipients.map((r) => r.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).deleteCouponCampaignRecipients(ids)
  }
)
