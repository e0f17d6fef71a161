import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { COUPON_MODULE } from "../../modules/coupon"
import type CouponModuleService from "../../modules/coupon/service"
import { claimCouponAtCompletionWorkflow, claimCustomerId } from "../carts/workflows/claim-coupon-at-completion"
import { runWorkflowInHook } from "./run-in-hook"

/**
 * At completion the coupon is judged again and its use is counted in
 * PostgreSQL before Medusa creates the order: claimCouponAtCompletionWorkflow.
 * Every checkout passes here, most without a coupon: the cart's coupon row
 * is read once, and a cart that never carried a coupon completes without
 * the claim workflow being started (its steps cost a few milliseconds even
 * when they have nothing to do); the row read is handed to the workflow.
 * No compensation here, on purpose: when a later step of the completion
 * fails (a declined payment), the use stays held for this cart for the
 * payment-hold minutes, so only this cart can retry with it (docs/rules.md
 * §4); the hold sweep frees it after.
 */
completeCartWorkflow.hooks.validate(async ({ cart }, step) => {
  const application = await step.container
    .resolve<CouponModuleService>(COUPON_MODULE)
    .readCartCouponForClaim(cart.id, claimCustomerId(cart))
  if (!application) return
  await runWorkflowInHook(claimCouponAtCompletionWorkflow, { cart, application }, step)
})
