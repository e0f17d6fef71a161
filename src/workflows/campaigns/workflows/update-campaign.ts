import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateCampaignStep } from "../steps/update-campaign"
import { CampaignValues, validateCampaignDefinitionStep } from "../steps/validate-campaign-definition"

/** Changes a subset of a campaign's fields; the merged campaign is validated; the audit entry goes with the change. */
export const updateCampaignWorkflow = createWorkflow(
  "update-coupon-campaign",
  (input: { id: string; update: Partial<CampaignValues>; actor_id?: string | null }) => {
    validateCampaignDefinitionStep(transform({ input }, ({ input }) => ({ id: input.id, values: input.update })))
    const campaign = updateCampaignStep(input)
    return new WorkflowResponse(campaign)
  }
)
