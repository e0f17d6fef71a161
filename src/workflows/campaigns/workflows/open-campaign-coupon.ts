import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { markCampaignCouponOpenedStep } from "../steps/mark-campaign-coupon-opened"
import { readCampaignRecipientStep } from "../steps/read-campaign-recipient"

/** A coupon page was viewed: the recipient becomes `opened` the first time. Returns whether it was the first view. */
export const openCampaignCouponWorkflow = createWorkflow(
  "open-coupon-campaign-coupon",
  (input: { recipient_id: string }) => {
    const first = markCampaignCouponOpenedStep(input)
    const recipient = readCampaignRecipientStep(
      transform({ first, input }, ({ first, input }) => (first ? input.recipient_id : null))
    )
    // Only the first view is a fact; later views change nothing.
    emitEventStep({
      eventName: CouponEvents.CAMPAIGN_COUPON_OPENED,
      data: transform({ recipient }, ({ recipient }) =>
        recipient
          ? [{ id: recipient.id, campaign_id: recipient.campaign_id, channel: recipient.channel, contact_id: recipient.contact_id, customer_id: recipient.customer_id }]
          : []
      ),
    }).config({ name: "emit-campaign-coupon-opened" })
    return new WorkflowResponse(first)
  }
)
