import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCampaignStep } from "../steps/create-campaign"
import { CampaignValues, validateCampaignDefinitionStep } from "../steps/validate-campaign-definition"

/**
 * Creates a coupon campaign (docs/rules.md §5) after its cross-field and database
 * rules pass. `actor_id`: the admin user, for the audit trail, written in
 * the campaign's transaction.
 */
export const createCampaignWorkflow = createWorkflow(
  "create-coupon-campaign",
  (input: CampaignValues & { actor_id?: string | null }) => {
    const values = transform({ input }, ({ input }) => {
      const { actor_id: _actor, ...values } = input
      return values as CampaignValues
    })
    validateCampaignDefinitionStep(transform({ values }, ({ values }) => ({ values })))
    const campaign = createCampaignStep(transform({ values, input }, ({ values, input }) => ({ values, actor_id: input.actor_id })))
    return new WorkflowResponse(campaign)
  }
)
