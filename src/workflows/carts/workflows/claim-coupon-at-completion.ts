import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ClaimCartCouponRow } from "../../../modules/coupon/checkout-queries"
import { claimCouponUseStep } from "../steps/claim-coupon-use"
import { judgeCouponClaimStep } from "../steps/judge-coupon-claim"
import { readCartCouponStep } from "../steps/read-cart-coupon"
import { redeemUsesWithOrdersStep } from "../steps/redeem-uses-with-orders"
import { setAsideInterruptedOrdersStep } from "../steps/set-aside-interrupted-orders"

export type ClaimCouponAtCompletionInput = {
  /** The cart as Medusa's completeCartWorkflow read it, under its cart lock. */
  cart: any
  /**
   * The cart's coupon row as the caller just read it for this claim
   * (service.readCartCouponForClaim, under the same cart lock); read here
   * when left out.
   */
  application?: ClaimCartCouponRow
}

export const claimCouponAtCompletionWorkflowId = "claim-coupon-at-completion"

/** The customer a completing cart's claim is for (their per-customer limit and wallet codes). */
export function claimCustomerId(cart: { customer_id?: string | null; customer?: { id?: string } | null }): string | null {
  return cart.customer_id ?? cart.customer?.id ?? null
}

/**
 * Counts the coupon's use when a cart is completed, before Medusa creates
 * the order (docs/rules.md §4): completeCartWorkflow's validate hook
 * (hooks/cart-completion.ts) runs it. The coupon is judged again on the
 * completing cart and refused with the first failed rule (not when nothing
 * the verdict depends on changed since its split was stored:
 * judge-coupon-claim.ts); then one use is
 * claimed under the coupon's row lock (service.claimRedemption) and held
 * for the cart. A repeated completion of a cart whose order exists claims
 * nothing; a use still held for it is spent by that order. A cart completed
 * again after a completion killed before Medusa linked its order gets that
 * left-behind order set aside first (set-aside-interrupted-orders.ts).
 *
 * `hooks.validate({ input, claim })` runs after the judgement, before the
 * use is counted: `claim` is the use about to be claimed (code, coupon,
 * customer, email, discount in major units), null when the cart claims
 * none (its coupon was taken off, or its order exists). Medusa's completion
 * runs this workflow only for carts that carry a coupon row: a cart that
 * never had a coupon completes without it. A merchant's throw refuses the
 * completion.
 * Answers the use `{ id, reused }`, or null.
 */
export const claimCouponAtCompletionWorkflow = createWorkflow(
  claimCouponAtCompletionWorkflowId,
  (input: ClaimCouponAtCompletionInput) => {
    // Steps with nothing to do are skipped rather than run empty: the claim
    // is on every coupon checkout's critical path, and each step costs its
    // orchestration (a few milliseconds on a small server).
    const read = when("claim-read-cart-coupon", { input }, ({ input }) => !input.application).then(() =>
      readCartCouponStep(
        transform({ input }, ({ input }) => ({
          cart_id: input.cart.id as string,
          claim: { customer_id: claimCustomerId(input.cart) },
        }))
      )
    )
    const application = transform({ input, read }, ({ input, read }) => (input.application ?? read ?? null) as ClaimCartCouponRow | null)
    when(
      "claim-redeem-uses-with-orders",
      { input, application },
      ({ input, application }) => application?.status === "applied" && !!input.cart.completed_at
    ).then(() => {
      redeemUsesWithOrdersStep(transform({ input }, ({ input }) => ({ cart_id: input.cart.id as string })))
    })
    when(
      "claim-set-aside-interrupted-orders",
      { input, application },
      ({ input, application }) => !!application?.has_interrupted_order && !input.cart.completed_at
    ).then(() => {
      setAsideInterruptedOrdersStep(
        transform({ input, application }, ({ input, application }) => ({
          cart_id: input.cart.id as string,
          coupon_id: application!.coupon_id,
        }))
      )
    })
    const claim = judgeCouponClaimStep({ cart: input.cart, application })
    const validate = createHook("validate", { input, claim })
    const use = claimCouponUseStep(claim)
    return new WorkflowResponse(use, { hooks: [validate] })
  }
)
