import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { claimCouponAtCompletionWorkflow } from "../carts/workflows/claim-coupon-at-completion"
import { runWorkflowInHook } from "./run-in-hook"

/**
 * At completion the coupon is judged again and its use is counted in
 * PostgreSQL before Medusa creates the order: claimCouponAtCompletionWorkflow.
 * No compensation here, on purpose: when a later step of the completion
 * fails (a declined payment), the use stays held for this cart for the
 * payment-hold minutes, so only this cart can retry with it (docs/rules.md
 * §4); the hold sweep frees it after.
 */
completeCartWorkflow.hooks.validate(async ({ cart }, step) => {
  await runWorkflowInHook(claimCouponAtCompletionWorkflow, { cart }, step)
})
