import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { codeBatchEventData } from "../code-batch-events"
import { CODE_BATCH_WRITTEN } from "../events"
import { generateSerialCodesStep } from "../steps/generate-serial-codes"

/** Writes the codes of a pending (or interrupted) generation batch. */
export const generateSerialCodesWorkflow = createWorkflow(
  "generate-serial-codes",
  (input: { batch_id: string }) => {
    const batch = generateSerialCodesStep(input)
    when({ batch }, ({ batch }) => batch?.status === "done").then(() => {
      emitEventStep({
        eventName: CODE_BATCH_WRITTEN,
        data: transform({ batch }, ({ batch }) => ({ id: batch!.id, created: batch!.created })),
      })
      emitEventStep({
        eventName: CouponEvents.CODE_BATCH_COMPLETED,
        data: transform({ batch }, ({ batch }) => codeBatchEventData(batch!)),
      }).config({ name: "emit-code-batch-completed" })
    })
    return new WorkflowResponse(batch)
  }
)
