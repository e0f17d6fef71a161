import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { WalletCodeAssignment } from "./reserve-wallet-codes"
import type { WalletGrantPlan } from "./validate-wallet-grant"

/** Writes one wallet entry per customer; the compensation deletes them. */
export const createWalletEntriesStep = createStep(
  "create-wallet-entries",
  async (input: { plan: WalletGrantPlan; assignments: WalletCodeAssignment[] }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { plan } = input
    const entries = await couponService.createCouponWalletEntries(
      input.assignments.map((a) => ({
        coupon_id: plan.coupon_id,
        customer_id: a.customer_id,
        code: a.code,
        coupon_code_id: a.coupon_code_id,
        source: plan.source,
        campaign_id: plan.campaign_id,
        state: "available" as const,
        received_at: plan.received_at,
        expires_at: plan.expires_at,
      }))
    )
    return new StepResponse(
      entries,
      entries.map((e) => e.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).deleteCouponWalletEntries(ids)
  }
)
