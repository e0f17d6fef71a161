import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createReadStream } from "node:fs"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Imports the CSV file saved at `file_path` (the upload, at most 10 MB),
 * streamed from disk into PostgreSQL: all its codes in one `done` batch, or
 * nothing and a 400 naming the rows at fault.
 */
export const importSerialCodesStep = createStep(
  "import-serial-codes",
  async (input: { coupon_id: string; file_path: string }, { container }) => {
    const batch = await container
      .resolve<CouponModuleService>(COUPON_MODULE)
      .importCodes({ coupon_id: input.coupon_id, source: createReadStream(input.file_path) })
    return new StepResponse(batch, batch.id)
  },
  async (batchId, { container }) => {
    if (!batchId) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).discardCodeBatch(batchId)
  }
)
