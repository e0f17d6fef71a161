import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { changedFields } from "../../../modules/coupon/lib/audit"
import { readAuditSnapshotStep, SETTINGS_AUDIT_FIELDS } from "../../audit/steps/read-audit-snapshot"
import { recordAuditEntriesStep } from "../../audit/steps/record-audit-entries"
import {
  updateCouponSettingsStep,
  UpdateCouponSettingsInput,
} from "../steps/update-coupon-settings"

/** `actor_id`: the admin user making the change, for the audit trail. */
export const updateCouponSettingsWorkflow = createWorkflow(
  "update-coupon-settings",
  (input: UpdateCouponSettingsInput & { actor_id?: string | null }) => {
    const before = readAuditSnapshotStep({ resource_type: "settings" })
    const update = transform({ input }, ({ input }) => {
      const { actor_id: _actor, ...update } = input
      return update
    })
    const updated = updateCouponSettingsStep(update)
    recordAuditEntriesStep(
      transform({ before, updated, update, input }, ({ before, updated, update, input }) => [
        {
          resource_type: "settings" as const,
          resource_id: (updated as any).id,
          action: "updated",
          actor_id: input.actor_id,
          changes: changedFields(before, updated as any, Object.keys(update).filter((k) => SETTINGS_AUDIT_FIELDS.includes(k))),
        },
      ])
    )
    return new WorkflowResponse(updated)
  }
)
