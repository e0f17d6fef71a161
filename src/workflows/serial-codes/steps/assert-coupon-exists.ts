import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/** 404 for an unknown or deleted coupon, before anything is written for it. */
export const assertCouponExistsStep = createStep(
  "assert-coupon-exists",
  async (input: { coupon_id: string }, { container }) => {
    await container.resolve<CouponModuleService>(COUPON_MODULE).retrieveCoupon(input.coupon_id, { select: ["id"] })
    return new StepResponse(void 0)
  }
)
