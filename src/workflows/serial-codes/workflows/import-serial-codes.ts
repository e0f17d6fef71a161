import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { assertCouponExistsStep } from "../steps/assert-coupon-exists"
import { importSerialCodesStep } from "../steps/import-serial-codes"

/** Imports a saved CSV upload into a coupon's serial codes, all or nothing. */
export const importSerialCodesWorkflow = createWorkflow(
  "import-serial-codes",
  (input: { coupon_id: string; file_path: string }) => {
    assertCouponExistsStep({ coupon_id: input.coupon_id })
    return new WorkflowResponse(importSerialCodesStep(input))
  }
)
