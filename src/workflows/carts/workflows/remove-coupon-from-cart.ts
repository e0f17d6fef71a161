import { PromotionActions } from "@medusajs/framework/utils"
import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { removeCartCouponStep } from "../steps/remove-cart-coupon"

export const removeCouponFromCartWorkflowId = "remove-coupon-from-cart"

/**
 * Removes the cart's coupon (the plugin's DELETE route, or a storefront's
 * `promo_codes` without it); promotions that stood aside for it come back.
 * `hooks.validate({ input })` runs first.
 */
export const removeCouponFromCartWorkflow = createWorkflow(
  removeCouponFromCartWorkflowId,
  (input: { cart_id: string }) => {
    const validate = createHook("validate", { input })
    const removed = removeCartCouponStep(input)
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ input, removed }, ({ input, removed }) => ({
        cart_id: input.cart_id,
        promo_codes: removed.restore_promo_codes,
        action: PromotionActions.ADD,
        force_refresh_payment_collection: true,
      })),
    })
    return new WorkflowResponse(removed, { hooks: [validate] })
  }
)
