import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { changedFields } from "../../../modules/coupon/lib/audit"
import { CAMPAIGN_AUDIT_FIELDS } from "../../audit/steps/read-audit-snapshot"
import { recordAuditEntriesStep } from "../../audit/steps/record-audit-entries"
import { createCampaignStep } from "../steps/create-campaign"
import { CampaignValues, validateCampaignDefinitionStep } from "../steps/validate-campaign-definition"

/**
 * Creates a coupon campaign (docs/rules.md §5) after its cross-field and database
 * rules pass. `actor_id`: the admin user, for the audit trail.
 */
export const createCampaignWorkflow = createWorkflow(
  "create-coupon-campaign",
  (input: CampaignValues & { actor_id?: string | null }) => {
    const values = transform({ input }, ({ input }) => {
      const { actor_id: _actor, ...values } = input
      return values as CampaignValues
    })
    validateCampaignDefinitionStep(transform({ values }, ({ values }) => ({ values })))
    const campaign = createCampaignStep(values)
    recordAuditEntriesStep(
      transform({ campaign, input }, ({ campaign, input }) => [
        {
          resource_type: "campaign" as const,
          resource_id: (campaign as any).id,
          coupon_id: (campaign as any).coupon_id,
          action: "created",
          actor_id: input.actor_id,
          changes: changedFields(null, campaign as any, CAMPAIGN_AUDIT_FIELDS),
        },
      ])
    )
    return new WorkflowResponse(campaign)
  }
)
