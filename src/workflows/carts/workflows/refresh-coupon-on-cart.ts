import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CartCouponRow } from "../../../modules/coupon/checkout-queries"
import { planCouponRefreshStep } from "../steps/plan-coupon-refresh"
import { readCartCouponStep } from "../steps/read-cart-coupon"
import { updateCartCouponStep } from "../steps/update-cart-coupon"
import { writeCouponAdjustmentsStep } from "../steps/write-coupon-adjustments"

export type RefreshCouponOnCartInput = {
  /** The cart as Medusa's promotion refresh read it (items, adjustments, shipping methods). */
  cart: any
  /** The cart's coupon row when the caller just wrote it (an apply); read otherwise. */
  application?: CartCouponRow
}

export const refreshCouponOnCartWorkflowId = "refresh-coupon-on-cart"

/**
 * Keeps the cart's coupon current after any cart change: Medusa runs its
 * promotion refresh after every change (items, quantities, region,
 * customer, shipping), and its setPromotionContext hook
 * (hooks/cart-promotions.ts) runs this. The same split is written again for
 * an unchanged cart, a new split for a changed one, or the coupon is removed
 * with the reason when the change made it invalid (docs/rules.md §2).
 *
 * `hooks.validate({ input, application })` runs once the cart's coupon row
 * is read (`application`, null for a cart without a coupon), before anything
 * is judged or written: a merchant's throw refuses the cart change.
 * Answers `{ has_coupon, applied }`.
 */
export const refreshCouponOnCartWorkflow = createWorkflow(
  refreshCouponOnCartWorkflowId,
  (input: RefreshCouponOnCartInput) => {
    const application = readCartCouponStep(
      transform({ input }, ({ input }) => ({ cart_id: input.cart.id as string, known: input.application }))
    )
    const validate = createHook("validate", { input, application })
    const plan = planCouponRefreshStep({ cart: input.cart, application })
    writeCouponAdjustmentsStep(transform({ plan }, ({ plan }) => plan.adjustments))
    updateCartCouponStep(transform({ plan, application }, ({ plan, application }) => ({ previous: application, row: plan.row })))
    const result = transform({ plan, application }, ({ plan, application }) => ({
      has_coupon: !!application,
      applied: plan.applied,
    }))
    return new WorkflowResponse(result, { hooks: [validate] })
  }
)
