import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { codeBatchEventData } from "../code-batch-events"
import { CODE_BATCH_WRITTEN } from "../events"
import { assertCouponExistsStep } from "../steps/assert-coupon-exists"
import { importSerialCodesStep } from "../steps/import-serial-codes"

/** Imports a saved CSV upload into a coupon's serial codes, all or nothing. */
export const importSerialCodesWorkflow = createWorkflow(
  "import-serial-codes",
  (input: { coupon_id: string; file_path: string; actor_id?: string | null }) => {
    assertCouponExistsStep({ coupon_id: input.coupon_id })
    const batch = importSerialCodesStep(
      transform({ input }, ({ input }) => ({ coupon_id: input.coupon_id, file_path: input.file_path, actor_id: input.actor_id }))
    )
    emitEventStep({
      eventName: CODE_BATCH_WRITTEN,
      data: transform({ batch }, ({ batch }) => ({ id: batch.id, created: batch.created })),
    })
    emitEventStep({
      eventName: CouponEvents.CODE_BATCH_COMPLETED,
      data: transform({ batch }, ({ batch }) => codeBatchEventData(batch)),
    }).config({ name: "emit-code-batch-completed" })
    return new WorkflowResponse(batch)
  }
)
