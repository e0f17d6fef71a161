import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/** Blocking a customer voids the wallet coupons they have not used (docs/rules.md §6). */
export const voidUnusedWalletEntriesStep = createStep(
  "void-unused-wallet-entries",
  async (input: { customer_id: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const entries = await couponService.listCouponWalletEntries(
      { customer_id: input.customer_id, state: "available" },
      { select: ["id"] }
    )
    const ids = entries.map((e) => e.id)
    if (ids.length) {
      await couponService.updateCouponWalletEntries({
        selector: { id: ids },
        data: { state: "voided" },
      })
    }
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).updateCouponWalletEntries({
      selector: { id: ids },
      data: { state: "available" },
    })
  }
)
