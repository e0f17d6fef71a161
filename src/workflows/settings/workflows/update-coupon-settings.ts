import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  updateCouponSettingsStep,
  UpdateCouponSettingsInput,
} from "../steps/update-coupon-settings"

export const updateCouponSettingsWorkflow = createWorkflow(
  "update-coupon-settings",
  (input: UpdateCouponSettingsInput) => {
    return new WorkflowResponse(updateCouponSettingsStep(input))
  }
)
