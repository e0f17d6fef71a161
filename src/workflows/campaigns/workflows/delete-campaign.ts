import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { changedFields } from "../../../modules/coupon/lib/audit"
import { CAMPAIGN_AUDIT_FIELDS, readAuditSnapshotStep } from "../../audit/steps/read-audit-snapshot"
import { recordAuditEntriesStep } from "../../audit/steps/record-audit-entries"
import { deleteCampaignStep } from "../steps/delete-campaign"

export const deleteCampaignWorkflow = createWorkflow(
  "delete-coupon-campaign",
  (input: { id: string; actor_id?: string | null }) => {
    const before = readAuditSnapshotStep({ resource_type: "campaign", id: input.id })
    deleteCampaignStep(input.id)
    recordAuditEntriesStep(
      transform({ before, input }, ({ before, input }) => [
        {
          resource_type: "campaign" as const,
          resource_id: input.id,
          coupon_id: (before?.coupon_id as string | undefined) ?? null,
          action: "deleted",
          actor_id: input.actor_id,
          changes: changedFields(before, null, CAMPAIGN_AUDIT_FIELDS),
        },
      ])
    )
    return new WorkflowResponse(input.id)
  }
)
