import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markCampaignCouponOpenedStep } from "../steps/mark-campaign-coupon-opened"

/** A coupon page was viewed: the recipient becomes `opened` the first time. Returns whether it was the first view. */
export const openCampaignCouponWorkflow = createWorkflow(
  "open-coupon-campaign-coupon",
  (input: { recipient_id: string }) => new WorkflowResponse(markCampaignCouponOpenedStep(input))
)
