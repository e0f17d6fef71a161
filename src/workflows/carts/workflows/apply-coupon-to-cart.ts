import { PromotionActions } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { setCartCouponStep } from "../steps/set-cart-coupon"
import { validateCouponForCartStep } from "../steps/validate-coupon-for-cart"

/**
 * Applies a coupon code to a cart. The split itself is written by the
 * promotion refresh this runs (see hooks/cart-coupon.ts), the same code path
 * every later cart change goes through; the refresh also updates the payment
 * collection to the discounted total.
 */
export const applyCouponToCartWorkflow = createWorkflow(
  "apply-coupon-to-cart",
  (input: { cart_id: string; code: string }) => {
    const verdict = validateCouponForCartStep(input)
    setCartCouponStep(
      transform({ input, verdict }, ({ input, verdict }) => ({ cart_id: input.cart_id, ...verdict }))
    )
    updateCartPromotionsWorkflow.runAsStep({
      input: {
        cart_id: input.cart_id,
        promo_codes: [],
        action: PromotionActions.ADD,
        force_refresh_payment_collection: true,
      },
    })
    return new WorkflowResponse(verdict)
  }
)
