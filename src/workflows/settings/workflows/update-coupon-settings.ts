import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  updateCouponSettingsStep,
  UpdateCouponSettingsInput,
} from "../steps/update-coupon-settings"

/** `actor_id`: the admin user making the change, for the audit trail (written in the change's transaction). */
export const updateCouponSettingsWorkflow = createWorkflow(
  "update-coupon-settings",
  (input: UpdateCouponSettingsInput & { actor_id?: string | null }) => {
    const update = transform({ input }, ({ input }) => {
      const { actor_id, ...update } = input
      return { update, actor_id }
    })
    const updated = updateCouponSettingsStep(update)
    return new WorkflowResponse(updated)
  }
)
