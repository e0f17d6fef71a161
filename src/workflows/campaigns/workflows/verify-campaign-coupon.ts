import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { verifyCampaignCouponStep } from "../steps/verify-campaign-coupon"

/** Point-of-sale verification of a redeemed campaign code. Returns the verified recipient's id. */
export const verifyCampaignCouponWorkflow = createWorkflow(
  "verify-coupon-campaign-coupon",
  (input: { code: string; customer_id?: string | null }) => new WorkflowResponse(verifyCampaignCouponStep(input))
)
