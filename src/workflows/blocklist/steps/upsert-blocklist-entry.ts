import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

type Undo = { created?: string; updated?: { id: string; reason: string } }

/**
 * Blocks a customer, or updates the reason when they already are blocked, so
 * the admin can re-block without unblocking first.
 */
export const upsertBlocklistEntryStep = createStep(
  "upsert-coupon-blocklist-entry",
  async (input: { customer_id: string; reason: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const [existing] = await couponService.listCouponBlocklistEntries({
      customer_id: input.customer_id,
    })
    if (existing) {
      const entry = await couponService.updateCouponBlocklistEntries({ id: existing.id, reason: input.reason })
      return new StepResponse(entry, { updated: { id: existing.id, reason: existing.reason } } as Undo)
    }
    const entry = await couponService.createCouponBlocklistEntries(input)
    return new StepResponse(entry, { created: entry.id } as Undo)
  },
  async (undo, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    if (undo?.created) await couponService.deleteCouponBlocklistEntries(undo.created)
    if (undo?.updated) await couponService.updateCouponBlocklistEntries(undo.updated)
  }
)
