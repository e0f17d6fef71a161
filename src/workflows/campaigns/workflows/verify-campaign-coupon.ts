import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { readCampaignRecipientStep } from "../steps/read-campaign-recipient"
import { verifyCampaignCouponStep, VerifyCampaignCouponInput } from "../steps/verify-campaign-coupon"
/** Point-of-sale verification of a redeemed campaign code. Returns the verified recipient's id. */
export const verifyCampaignCouponWorkflow = createWorkflow(
  "verify-coupon-campaign-coupon",
  (input: VerifyCampaignCouponInput) => {
    const recipientId = verifyCampaignCouponStep(input)
    const recipient = readCampaignRecipientStep(recipientId)
    emitEventStep({
      eventName: CouponEvents.CAMPAIGN_COUPON_VERIFIED,
      data: transform({ recipient }, ({ recipient }) => ({
        id: recipient!.id,
        code: recipient!.code,
        campaign_id: recipient!.campaign_id,
        channel: recipient!.channel,
        contact_id: recipient!.contact_id,
        customer_id: recipient!.customer_id,
      })),
    }).config({ name: "emit-campaign-coupon-verified" })
    return new WorkflowResponse(recipientId)
  }
)
