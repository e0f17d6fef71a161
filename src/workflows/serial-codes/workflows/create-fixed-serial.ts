import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { assertCouponExistsStep } from "../steps/assert-coupon-exists"
import { createFixedSerialStep } from "../steps/create-fixed-serial"

/** A fixed serial (rules §5): one code of the coupon usable `max_uses` times. */
export const createFixedSerialWorkflow = createWorkflow(
  "create-fixed-serial",
  (input: { coupon_id: string; code: string; max_uses: number; actor_id?: string | null }) => {
    assertCouponExistsStep({ coupon_id: input.coupon_id })
    // The code and its audit entry in one transaction (docs/rules.md §7.4).
    const created = createFixedSerialStep(input)
    return new WorkflowResponse(created)
  }
)
