import type { MedusaContainer } from "@medusajs/framework/types"
import { COUPON_MODULE } from "../modules/coupon"
import type CouponModuleService from "../modules/coupon/service"
import { runCodeBatchGeneration } from "../workflows/serial-codes/code-batch-events"

/**
 * A running batch touches its row with every chunk (a few seconds apart at
 * most). One untouched for this long lost its worker (a restart, a crash) or
 * its event: it is continued from the codes it already has.
 */
const STALE_SECONDS = 120

export default async function resumeSerialCodeBatches(container: MedusaContainer) {
  const ids = await container.resolve<CouponModuleService>(COUPON_MODULE).staleCodeBatchIds(STALE_SECONDS)
  for (const id of ids) {
    container.resolve("logger").info(`coupons: resuming serial code batch ${id}`)
    await runCodeBatchGeneration(container, id)
  }
}

export const config = { name: "resume-serial-code-batches", schedule: "*/5 * * * *" }
