import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/** One serial code usable `max_uses` times, in a batch of its own. */
export const createFixedSerialStep = createStep(
  "create-fixed-serial",
  async (input: { coupon_id: string; code: string; max_uses: number }, { container }) => {
    const created = await container.resolve<CouponModuleService>(COUPON_MODULE).addFixedSerial(input)
    return new StepResponse(created, created.batch.id)
  },
  async (batchId, { container }) => {
    if (!batchId) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).discardCodeBatch(batchId)
  }
)
