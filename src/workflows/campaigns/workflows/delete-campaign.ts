import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteCampaignStep } from "../steps/delete-campaign"

/** Deletes a campaign; the audit entry goes with the change. */
export const deleteCampaignWorkflow = createWorkflow(
  "delete-coupon-campaign",
  (input: { id: string; actor_id?: string | null }) => {
    deleteCampaignStep(input)
    return new WorkflowResponse(input.id)
  }
)
