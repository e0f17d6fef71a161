import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * A repeated completion of a cart whose order exists: a use still held for
 * the cart (its order.placed event was lost with its process) is spent by
 * that order (reconcile-queries.ts). No compensation: it records a fact —
 * the order exists — that undoing this workflow does not change.
 */
export const redeemUsesWithOrdersStep = createStep(
  "redeem-cart-uses-with-orders",
  async (input: { cart_id: string }, { container }) => {
    return new StepResponse(await container.resolve<CouponModuleService>(COUPON_MODULE).redeemUsesWithOrders(input))
  }
)
