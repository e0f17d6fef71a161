import { PromotionActions } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { removeCartCouponStep } from "../steps/remove-cart-coupon"

/** Removes the cart's coupon; promotions that stood aside for it come back. */
export const removeCouponFromCartWorkflow = createWorkflow(
  "remove-coupon-from-cart",
  (input: { cart_id: string }) => {
    const removed = removeCartCouponStep(input)
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ input, removed }, ({ input, removed }) => ({
        cart_id: input.cart_id,
        promo_codes: removed.restore_promo_codes,
        action: PromotionActions.ADD,
        force_refresh_payment_collection: true,
      })),
    })
    return new WorkflowResponse(removed)
  }
)
