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

/**
 * One recipient (status `sent`) per contact, each with its own page token —
 * or, for contacts' links on demand, the contact's link not redeemed yet
 * (`created: false`, linked to the customer now named if it had none). The
 * compensation deletes the new ones and undoes the links.
 */
export const createCampaignRecipientsStep = createStep(
  "create-coupon-campaign-recipients",
  async (plan: CampaignSendPlan, { container }) => {
    if (!plan.recipients.length) return new StepResponse([], { created: [] as string[], linked: [] as string[] })
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const recipients = await couponService.issueCampaignRecipients({
      campaign_id: plan.campaign.id,
      per_contact_limit: plan.campaign.per_contact_limit,
      reuse_open_links: plan.reuse_open_links,
      sent_at: plan.sent_at,
      recipients: plan.recipients.map((r) => ({ ...r, token: newRecipientToken() })),
    })
    return new StepResponse(recipients, {
      created: recipients.filter((r) => r.created).map((r) => r.id),
      linked: recipients.filter((r) => r.linked).map((r) => r.id),
    })
  },
  async (undo, { container }) => {
    if (!undo || (!undo.created.length && !undo.linked.length)) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).deleteIssuedCampaignRecipients(undo)
  }
)
