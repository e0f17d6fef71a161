import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * A cart completed again after a completion of it was killed between
 * Medusa's createOrdersStep and the step that links the order to the cart
 * and its payment: that order exists, pending, unpaid, unlinked, carrying
 * the coupon and the cart's marker (reconcile-queries.ts), and Medusa is
 * about to create the cart's order a second time. The left-behind order is
 * soft-deleted and the use it had been found to spend is held for the cart
 * again, so the order this completion creates takes it: one cart, one use,
 * one order carrying the coupon (docs/rules.md §4). The coupon's History
 * and the server log say which orders were set aside.
 *
 * Runs under the cart's completion lock, so no other completion of this
 * cart is between those two steps. No compensation: should this completion
 * fail in turn, what was set aside was never paid nor placed, and the use
 * stays held for the cart as after a declined payment.
 */
export const setAsideInterruptedOrdersStep = createStep(
  "set-aside-interrupted-orders",
  async (input: { cart_id: string; coupon_id: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const orderIds = await couponService.interruptedOrdersOfCart(input.cart_id)
    if (!orderIds.length) return new StepResponse(orderIds)
    // The use first: should the process die in between, the order still
    // stands and the next reconciliation finds the use spent by it again.
    await couponService.holdUsesOfSetAsideOrders({ coupon_id: input.coupon_id, cart_id: input.cart_id, order_ids: orderIds })
    await container.resolve(Modules.ORDER).softDeleteOrders(orderIds)
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `coupon: cart ${input.cart_id} is completed again; set aside order(s) ${orderIds.join(", ")} its interrupted completion left without a link or payment`
      )
    return new StepResponse(orderIds)
  }
)
