import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CODE_BATCH_CREATED } from "../workflows/serial-codes/events"
import { generateSerialCodesWorkflow } from "../workflows/serial-codes/workflows/generate-serial-codes"

/**
 * Writes the codes of a new generation batch, on whichever instance runs
 * subscribers (a worker in production). A failure is recorded on the batch
 * (`status: failed`, `error`), which the admin sees when polling it.
 */
export default async function generateSerialCodes({ event, container }: SubscriberArgs<{ id: string }>) {
  const { errors } = await generateSerialCodesWorkflow(container).run({
    input: { batch_id: event.data.id },
    throwOnError: false,
  })
  if (errors.length) {
    container.resolve("logger").error(`coupons: serial code batch ${event.data.id} failed: ${errors[0].error?.message}`)
  }
}

export const config: SubscriberConfig = { event: CODE_BATCH_CREATED }
