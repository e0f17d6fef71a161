import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../modules/coupon"
import { CouponEvents } from "../../modules/coupon/events"
import type CouponModuleService from "../../modules/coupon/service"
import type { CodeBatchRow } from "../../modules/coupon/serial-code-queries"
import { generateSerialCodesWorkflow } from "./workflows/generate-serial-codes"

/** The payload of `coupon.code_batch.completed` / `.failed` (docs/events.md). */
export function codeBatchEventData(batch: CodeBatchRow) {
  return {
    id: batch.id,
    coupon_id: batch.coupon_id,
    source: batch.source,
    status: batch.status,
    requested: batch.requested,
    created: batch.created,
    error: batch.error ?? null,
  }
}

/**
 * Runs a generation batch (from its event or the resume job). A failed run
 * rolls its workflow back — the workflow's own events are dropped — and its
 * compensation records the failure on the batch, so `coupon.code_batch.failed`
 * is sent here, after that is committed.
 */
export async function runCodeBatchGeneration(container: MedusaContainer, batchId: string) {
  const { errors } = await generateSerialCodesWorkflow(container).run({ input: { batch_id: batchId }, throwOnError: false })
  if (!errors.length) return
  container.resolve("logger").error(`coupons: serial code batch ${batchId} failed: ${errors[0].error?.message}`)
  const [batch] = await container
    .resolve<CouponModuleService>(COUPON_MODULE)
    .listCouponCodeBatches({ id: batchId }, { select: ["id", "coupon_id", "source", "status", "requested", "created", "error"] })
  if (batch?.status === "failed") {
    await container
      .resolve(Modules.EVENT_BUS)
      .emit({ name: CouponEvents.CODE_BATCH_FAILED, data: codeBatchEventData(batch as unknown as CodeBatchRow) })
  }
}
