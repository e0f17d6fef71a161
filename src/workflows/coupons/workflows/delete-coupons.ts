import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteCouponsStep } from "../steps/delete-coupons"
import { withdrawCouponCodesStep } from "../steps/withdraw-coupon-codes"

export const deleteCouponsWorkflow = createWorkflow(
  "delete-coupons",
  (input: { ids: string[] }) => {
    deleteCouponsStep(input.ids)
    withdrawCouponCodesStep(input.ids)
    return new WorkflowResponse(input.ids)
  }
)
