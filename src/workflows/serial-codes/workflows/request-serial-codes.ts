import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CODE_BATCH_CREATED } from "../events"
import { assertCouponExistsStep } from "../steps/assert-coupon-exists"
import { createCodeBatchStep } from "../steps/create-code-batch"
import { planSerialCodesStep } from "../steps/plan-serial-codes"

export type RequestSerialCodesInput = {
  coupon_id: string
  quantity: number
  prefix?: string
  length?: number
  /** The admin user, for the audit trail. */
  actor_id?: string | null
}

/**
 * Accepts a generation request: checks it, records a pending batch and emits
 * CODE_BATCH_CREATED; the codes are written by that event's subscriber, so
 * the admin gets the batch at once and polls it.
 *
 * Why an event and not `workflow.run()` left un-awaited in the route: the
 * event is released only once this workflow has committed the batch, and
 * with Medusa's Redis event bus it is a queued job that any worker instance
 * takes (`workerMode: "worker"`), so the generation survives the HTTP
 * server being a separate process and does not compete with its requests.
 * A batch whose worker died is picked up again by the
 * resume-serial-code-batches job.
 */
export const requestSerialCodesWorkflow = createWorkflow(
  "request-serial-codes",
  (input: RequestSerialCodesInput) => {
    assertCouponExistsStep({ coupon_id: input.coupon_id })
    const plan = planSerialCodesStep({ quantity: input.quantity, prefix: input.prefix, length: input.length })
    const batch = createCodeBatchStep(
      transform({ input, plan }, ({ input, plan }) => ({
        coupon_id: input.coupon_id,
        requested: input.quantity,
        prefix: plan.prefix,
        length: plan.length,
        actor_id: input.actor_id,
      }))
    )
    emitEventStep({
      eventName: CODE_BATCH_CREATED,
      data: transform({ batch }, ({ batch }) => ({ id: batch.id })),
    })
    return new WorkflowResponse(batch)
  }
)
