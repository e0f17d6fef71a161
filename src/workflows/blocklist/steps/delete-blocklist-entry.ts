import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

export const deleteBlocklistEntryStep = createStep(
  "delete-coupon-blocklist-entry",
  async (input: { customer_id: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const [entry] = await couponService.listCouponBlocklistEntries({
      customer_id: input.customer_id,
    })
    if (!entry) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Customer ${input.customer_id} is not on the coupon blocklist.`
      )
    }
    await couponService.softDeleteCouponBlocklistEntries(entry.id)
    return new StepResponse(void 0, entry.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).restoreCouponBlocklistEntries(id)
  }
)
