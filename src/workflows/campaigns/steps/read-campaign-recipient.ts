import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/** A recipient's contact and code, for the campaign events' payloads (null id: nothing to read). */
export const readCampaignRecipientStep = createStep("read-coupon-campaign-recipient", async (id: string | null, { container }) => {
  if (!id) return new StepResponse(null)
  const recipient = await container
    .resolve<CouponModuleService>(COUPON_MODULE)
    .retrieveCouponCampaignRecipient(id, { select: ["id", "campaign_id", "channel", "contact_id", "customer_id", "code"] })
  return new StepResponse(recipient)
})
