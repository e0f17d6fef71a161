import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  refreshPaymentCollectionForCartWorkflow,
  releaseLockStep,
  updateCartPromotionsWorkflow,
  validateCartStep,
} from "@medusajs/medusa/core-flows"
import { applyCouponInput } from "../apply-coupon"
import { putCouponOnCartStep } from "../steps/put-coupon-on-cart"
import { readCartForApplyStep } from "../steps/read-cart-for-apply"
import { refreshCouponOnCartWorkflow } from "./refresh-coupon-on-cart"

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
 * storefront's `promo_codes`, the best wallet pick).
 *
 * Under Medusa's cart lock, the cart is read with what the rules need. When
 * no Medusa promotion is on it (the usual case), the coupon goes on
 * directly: judged and made the cart's coupon (put-coupon-on-cart), its
 * split written as line-item adjustments (refreshCouponOnCartWorkflow, the
 * split just stored reused), the payment collection refreshed to the
 * discounted total — each undone if a later one fails. When promotions are
 * on the cart, they must stand aside and be remembered: the apply is then a
 * run of Medusa's promotion refresh carrying the code, whose validate and
 * setPromotionContext hooks (hooks/cart-promotions.ts) do the same work and
 * remove the promotions' adjustments.
 *
 * `hooks.validate({ input })` runs first: a merchant's own refusal (throw)
 * stops the apply before anything is read or written. The preview runs the
 * same hook (`input.preview` true), so a code the merchant refuses previews
 * as refused; with `preview` nothing else runs.
 */
export const applyCouponToCartWorkflow = createWorkflow(applyCouponToCartWorkflowId, (input: ApplyCouponToCartInput) => {
  const validate = createHook("validate", { input })
  const read = when("apply-not-preview", { input }, ({ input }) => !input.preview).then(() => {
    // The same lock and timings as Medusa's promotion refresh takes on the cart.
    acquireLockStep({ key: input.cart_id, timeout: 2, ttl: 10 })
    const read = readCartForApplyStep({ cart_id: input.cart_id })
    // A completed cart is refused as Medusa's refresh refuses it.
    validateCartStep({ cart: read.cart as any })
    return read
  })
  when("apply-directly", { read }, ({ read }) => !!read?.direct).then(() => {
    const row = putCouponOnCartStep(transform({ read, input }, ({ read, input }) => ({ cart: read!.cart, code: input.code })))
    refreshCouponOnCartWorkflow.runAsStep({
      input: transform({ read, row }, ({ read, row }) => ({ cart: read!.cart, application: row })),
    })
  })
  when("apply-refresh-payment-collection", { read }, ({ read }) => !!read?.direct && read.has_payment_collection).then(() => {
    refreshPaymentCollectionForCartWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ cart_id: input.cart_id })) })
  })
  when("apply-release-lock", { input }, ({ input }) => !input.preview).then(() => {
    releaseLockStep({ key: input.cart_id })
  })
  when("apply-through-promotion-refresh", { read }, ({ read }) => !!read && !read.direct).then(() => {
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => applyCouponInput(input.cart_id, input.code)),
    })
  })
  return new WorkflowResponse(void 0, { hooks: [validate] })
})
