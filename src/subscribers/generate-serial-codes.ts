import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CODE_BATCH_CREATED } from "../workflows/serial-codes/events"
import { runCodeBatchGeneration } from "../workflows/serial-codes/code-batch-events"

/**
 * Writes the codes of a new generation batch, on whichever instance runs
 * subscribers (a worker in production). A failure is recorded on the batch
 * (`status: failed`, `error`), which the admin sees when polling it, and
 * announced as `coupon.code_batch.failed`.
 */
export default async function generateSerialCodes({ event, container }: SubscriberArgs<{ id: string }>) {
  await runCodeBatchGeneration(container, event.data.id)
}

export const config: SubscriberConfig = { event: CODE_BATCH_CREATED }
