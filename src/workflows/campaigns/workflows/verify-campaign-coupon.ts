import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { verifyCampaignCouponStep } from "../steps/verify-campaign-coupon"

/** Point-of-sale verification of a redeemed campaign code. Returns the verified recipient's id. */
export const verifyCampaignCouponWorkflow = createWorkflow(
  "verify-coupon-campaign-coupon",
  (input: { code: string; customer_id?: string | null }) => {
    const recipientId = verifyCampaignCouponStep(input)
    emitEventStep({
      eventName: CouponEvents.CAMPAIGN_COUPON_VERIFIED,
      data: transform({ recipientId, input }, ({ recipientId, input }) => ({ id: recipientId, code: input.code.toUpperCase() })),
    }).config({ name: "emit-campaign-coupon-verified" })
    return new WorkflowResponse(recipientId)
  }
)
