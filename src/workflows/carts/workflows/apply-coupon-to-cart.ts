import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { applyCouponInput } from "../apply-coupon"

export type ApplyCouponToCartInput = {
  cart_id: string
  /** A coupon's shared code or a serial code, any case. */
  code: string
  /**
   * True when the preview route (`POST /store/carts/:id/coupon/preview`)
   * runs the workflow: only the validate hook runs, nothing is applied,
   * held or counted; the route judges the code itself afterwards.
   */
  preview?: boolean
}

export const applyCouponToCartWorkflowId = "apply-coupon-to-cart"

/**
 * Applies a code to a cart, whichever way it came (the plugin's route, a
 * storefront's `promo_codes`, the best wallet pick). It is one run of
 * Medusa's promotion refresh carrying the code: that workflow locks and reads
 * the cart, and its validate hook (hooks/cart-promotions.ts) judges the code
 * on that cart and puts the coupon on it — undone if a later step fails —
 * before the split is written and the payment collection refreshed.
 *
 * `hooks.validate({ input })` runs first: a merchant's own refusal (throw)
 * stops the apply before anything is read or written. The preview runs the
 * same hook (`input.preview` true), so a code the merchant refuses previews
 * as refused; with `preview` nothing else runs.
 */
export const applyCouponToCartWorkflow = createWorkflow(applyCouponToCartWorkflowId, (input: ApplyCouponToCartInput) => {
  const validate = createHook("validate", { input })
  when("apply-not-preview", { input }, ({ input }) => !input.preview).then(() => {
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => applyCouponInput(input.cart_id, input.code)),
    })
  })
  return new WorkflowResponse(void 0, { hooks: [validate] })
})
