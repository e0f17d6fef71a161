import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { ClaimRedemptionInput } from "../../../modules/coupon/service"

/**
 * Counts the use (service.claimRedemption: the coupon row locked, the limits
 * re-read under the lock, conditional updates; the use `held`); null claims
 * nothing. A cart that already holds a use gets it back, not a new one.
 * Compensation: a use this step created and still held is given back; a use
 * it reused was there before and stays.
 */
export const claimCouponUseStep = createStep(
  "claim-coupon-use",
  async (claim: ClaimRedemptionInput | null, { container }) => {
    if (!claim) return new StepResponse(null, null)
    const use = await container.resolve<CouponModuleService>(COUPON_MODULE).claimRedemption(claim)
    return new StepResponse(use, use.reused ? null : use.id)
  },
  async (createdId, { container }) => {
    if (createdId) await container.resolve<CouponModuleService>(COUPON_MODULE).releaseClaimedUse(createdId)
  }
)
