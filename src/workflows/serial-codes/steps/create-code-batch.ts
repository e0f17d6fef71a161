import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/** A pending generation batch; its codes are written in the background. */
export const createCodeBatchStep = createStep(
  "create-code-batch",
  async (input: { coupon_id: string; requested: number; prefix: string; length: number }, { container }) => {
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const batch = await coupons.createCouponCodeBatches({
      coupon_id: input.coupon_id,
      source: "generate",
      status: "pending",
      requested: input.requested,
      created: 0,
      prefix: input.prefix || null,
      length: input.length,
    })
    return new StepResponse(batch, batch.id)
  },
  async (batchId, { container }) => {
    if (!batchId) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).discardCodeBatch(batchId)
  }
)
