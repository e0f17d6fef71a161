import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { assertCouponExistsStep } from "../steps/assert-coupon-exists"
import { recordAuditEntriesStep } from "../../audit/steps/record-audit-entries"
import { createFixedSerialStep } from "../steps/create-fixed-serial"

/** A fixed serial (rules §5): one code of the coupon usable `max_uses` times. */
export const createFixedSerialWorkflow = createWorkflow(
  "create-fixed-serial",
  (input: { coupon_id: string; code: string; max_uses: number; actor_id?: string | null }) => {
    assertCouponExistsStep({ coupon_id: input.coupon_id })
    const created = createFixedSerialStep(
      transform({ input }, ({ input }) => ({ coupon_id: input.coupon_id, code: input.code, max_uses: input.max_uses }))
    )
    recordAuditEntriesStep(
      transform({ input }, ({ input }) => [
        {
          resource_type: "coupon" as const,
          resource_id: input.coupon_id,
          coupon_id: input.coupon_id,
          action: "fixed_serial_created",
          actor_id: input.actor_id,
          changes: { code: { before: null, after: input.code }, max_uses: { before: null, after: input.max_uses } },
        },
      ])
    )
    return new WorkflowResponse(created)
  }
)
