import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { changedFields } from "../../../modules/coupon/lib/audit"
import { readAuditSnapshotStep } from "../../audit/steps/read-audit-snapshot"
import { recordAuditEntriesStep } from "../../audit/steps/record-audit-entries"
import { deleteBlocklistEntryStep } from "../steps/delete-blocklist-entry"

/** Lifts the block; coupons voided by the block stay voided. */
export const unblockCustomerFromCouponsWorkflow = createWorkflow(
  "unblock-customer-from-coupons",
  (input: { customer_id: string; actor_id?: string | null }) => {
    const before = readAuditSnapshotStep({ resource_type: "blocklist", id: input.customer_id })
    deleteBlocklistEntryStep(transform({ input }, ({ input }) => ({ customer_id: input.customer_id })))
    recordAuditEntriesStep(
      transform({ before, input }, ({ before, input }) =>
        before
          ? [
              {
                resource_type: "blocklist" as const,
                resource_id: input.customer_id,
                action: "unblocked",
                actor_id: input.actor_id,
                changes: changedFields(before, null, ["reason"]),
              },
            ]
          : []
      )
    )
    return new WorkflowResponse(input.customer_id)
  }
)
