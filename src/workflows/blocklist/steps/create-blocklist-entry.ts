import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

export const createBlocklistEntryStep = createStep(
  "create-coupon-blocklist-entry",
  async (input: { customer_id: string; reason: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const [existing] = await couponService.listCouponBlocklistEntries({
      customer_id: input.customer_id,
    })
    if (existing) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Customer ${input.customer_id} is already blocked from coupons (reason: ${existing.reason}).`
      )
    }
    const entry = await couponService.createCouponBlocklistEntries(input)
    return new StepResponse(entry, entry.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).deleteCouponBlocklistEntries(id)
  }
)
