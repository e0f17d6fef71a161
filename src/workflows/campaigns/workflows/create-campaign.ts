import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCampaignStep } from "../steps/create-campaign"
import { CampaignValues, validateCampaignDefinitionStep } from "../steps/validate-campaign-definition"

/** Creates a coupon campaign (docs/rules.md §5) after its cross-field and database rules pass. */
export const createCampaignWorkflow = createWorkflow("create-coupon-campaign", (input: CampaignValues) => {
  validateCampaignDefinitionStep(transform({ input }, ({ input }) => ({ values: input })))
  const campaign = createCampaignStep(input)
  return new WorkflowResponse(campaign)
})
