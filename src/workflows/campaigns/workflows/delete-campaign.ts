import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteCampaignStep } from "../steps/delete-campaign"

export const deleteCampaignWorkflow = createWorkflow("delete-coupon-campaign", (input: { id: string }) => {
  deleteCampaignStep(input.id)
  return new WorkflowResponse(input.id)
})
