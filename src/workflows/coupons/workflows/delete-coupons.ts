import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteCouponsStep } from "../steps/delete-coupons"

export const deleteCouponsWorkflow = createWorkflow(
  "delete-coupons",
  (input: { ids: string[] }) => {
    deleteCouponsStep(input.ids)
    return new WorkflowResponse(input.ids)
  }
)
