import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { changedFields } from "../../../modules/coupon/lib/audit"
import { CAMPAIGN_AUDIT_FIELDS, readAuditSnapshotStep } from "../../audit/steps/read-audit-snapshot"
import { recordAuditEntriesStep } from "../../audit/steps/record-audit-entries"
import { updateCampaignStep } from "../steps/update-campaign"
import { CampaignValues, validateCampaignDefinitionStep } from "../steps/validate-campaign-definition"

/** Changes a subset of a campaign's fields; the merged campaign is validated. */
export const updateCampaignWorkflow = createWorkflow(
  "update-coupon-campaign",
  (input: { id: string; update: Partial<CampaignValues>; actor_id?: string | null }) => {
    validateCampaignDefinitionStep(transform({ input }, ({ input }) => ({ id: input.id, values: input.update })))
    const before = readAuditSnapshotStep({ resource_type: "campaign", id: input.id })
    const campaign = updateCampaignStep(transform({ input }, ({ input }) => ({ id: input.id, update: input.update })))
    recordAuditEntriesStep(
      transform({ before, campaign, input }, ({ before, campaign, input }) => [
        {
          resource_type: "campaign" as const,
          resource_id: input.id,
          coupon_id: ((campaign as any).coupon_id ?? before?.coupon_id ?? null) as string | null,
          action: "updated",
          actor_id: input.actor_id,
          changes: changedFields(before, campaign as any, Object.keys(input.update).filter((k) => CAMPAIGN_AUDIT_FIELDS.includes(k))),
        },
      ])
    )
    return new WorkflowResponse(campaign)
  }
)
