import { PromotionActions } from "@medusajs/framework/utils"
import { refuse } from "../../modules/coupon/errors"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { CouponRefreshInput, handOverWrittenRow, putCouponOnCart, takeWrittenRow, undoPutCouponOnCart } from "../carts/apply-coupon"
import { withoutCouponAdjustments } from "../carts/coupon-adjustments"
import { appliedCouponOf } from "../carts/load-coupon-cart"
import { refreshCouponOnCartWorkflow } from "../carts/workflows/refresh-coupon-on-cart"
import { cancelWorkflowInHook, runWorkflowInHook } from "./run-in-hook"

/*
 * Medusa re-runs updateCartPromotionsWorkflow after every cart change (items,
 * quantities, region, customer, shipping), and applying a coupon is a run of
 * it that carries the code (see carts/apply-coupon.ts). These two handlers
 * ride on it: `validate` puts a coupon being applied on the cart, or refuses
 * manual promotion codes on a coupon cart;
 * `setPromotionContext` runs refreshCouponOnCartWorkflow (the coupon's split
 * kept current, or an invalid coupon removed) and makes Medusa's promotions
 * stand aside while a coupon is on the cart. The refresh runs in the second
 * hook, after a coupon being applied is on the cart (the row `validate`
 * wrote is handed over, not read again); `validate` reads the cart's coupon
 * row only when promotion codes are being added.
 *
 * Not used, because @medusajs/loyalty-plugin owns them and a hook takes one
 * handler: completeCartWorkflow.hooks.beforePaymentAuthorization / orderCreated,
 * refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection,
 * createOrderCreditLinesWorkflow.hooks.creditLinesCreated.
 */
updateCartPromotionsWorkflow.hooks.validate(
  async ({ input, cart }, { container, transactionId }) => {
    const couponCode = (input as CouponRefreshInput).coupon_code
    if (couponCode) {
      const { undo, row } = await putCouponOnCart(container, cart, couponCode)
      handOverWrittenRow(transactionId, row)
      return new StepResponse(undefined, undo)
    }
    const adding = (input.action ?? PromotionActions.ADD) === PromotionActions.ADD
    if (!adding || !input.promo_codes?.length) return
    const application = await appliedCouponOf(container, cart.id)
    if (application?.status === "applied") {
      throw refuse(
        "combined_with_promotion",
        `This cart carries coupon ${application.code}; coupons and promotions cannot be combined. Remove the coupon to use promotion codes.`
      )
    }
  },
  async (undo, { container }) => {
    if (undo) await undoPutCouponOnCart(container, undo)
  }
)

updateCartPromotionsWorkflow.hooks.setPromotionContext(
  async ({ cart }, step) => {
    const application = takeWrittenRow(step.transactionId)
    const refresh = await runWorkflowInHook(refreshCouponOnCartWorkflow, { cart, application }, step)
    const { has_coupon, applied } = refresh.result
    const items = withoutCouponAdjustments(cart.items ?? [])
    const shippingMethods = withoutCouponAdjustments(cart.shipping_methods ?? [])
    if (!applied) {
      // The coupon's adjustments (if the refresh just removed the coupon,
      // already deleted) are never Medusa's to remove.
      return new StepResponse(has_coupon ? { items, shipping_methods: shippingMethods } : undefined, refresh.transaction)
    }
    // Items and shipping stay in the context so Medusa still removes the
    // adjustments of promotions applied earlier, but none can receive a new one.
    return new StepResponse(
      {
        items: items.map((item: any) => ({ ...item, is_discountable: false, subtotal: 0 })),
        shipping_methods: shippingMethods.map((method: any) => ({ ...method, subtotal: 0 })),
      },
      refresh.transaction
    )
  },
  // A later step of the promotion refresh failed: what the coupon's refresh wrote is undone.
  async (transaction, step) => {
    if (transaction) await cancelWorkflowInHook(refreshCouponOnCartWorkflow, transaction, step)
  }
)
