import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CartCouponRow } from "../../../modules/coupon/checkout-queries"
import { cartCouponFingerprint } from "../cart-coupon-fingerprint"
import { couponSharesToStore, couponSplitToStore, type StoredCouponShare } from "../coupon-adjustments"
import { judgeCouponOnCart } from "../judge-coupon-on-cart"
import type { CouponCart } from "../load-coupon-cart"

/**
 * What a refresh writes: the coupon's shares on the cart (`adjustments`,
 * none to clear them; null: nothing to write) and the cart's coupon row
 * (`row`, null: unchanged); `applied`: the coupon is still on the cart.
 */
export type CouponRefreshPlan = {
  applied: boolean
  adjustments: { cart: CouponCart; code: string | null; shares: StoredCouponShare[] } | null
  row: (Partial<Omit<CartCouponRow, "split_current">> & { id: string }) | null
}

/**
 * A cart changed (items, quantities, region, customer, shipping): the
 * coupon's shares are written again when the cart is the one they were
 * computed for; otherwise the coupon is judged on the changed cart and gets
 * a new split — or is removed, with the reason, when the change made it
 * invalid (docs/rules.md §2). Reads only; the steps after it write.
 */
export async function planCouponRefresh(
  container: MedusaContainer,
  refreshed: any,
  application: CartCouponRow | null
): Promise<CouponRefreshPlan> {
  if (application?.status !== "applied") return { applied: false, adjustments: null, row: null }
  if (refreshed.completed_at) return { applied: true, adjustments: null, row: null }
  // A fingerprint stored for a shipping coupon covers shipping too; an
  // item coupon's does not, and the two never match each other.
  const unchanged =
    application.cart_fingerprint === cartCouponFingerprint(refreshed) ||
    application.cart_fingerprint === cartCouponFingerprint(refreshed, { shipping: true })
  if (application.split_current && application.allocations && unchanged) {
    return {
      applied: true,
      adjustments: { cart: refreshed, code: application.code, shares: application.allocations as StoredCouponShare[] },
      row: null,
    }
  }
  const { cart, coupon, evaluation } = await judgeCouponOnCart(container, refreshed, application.code, { expected: application })
  if (evaluation.ok) {
    return {
      applied: true,
      adjustments: { cart, code: application.code, shares: couponSharesToStore(evaluation) },
      row: { id: application.id, ...couponSplitToStore(cart, coupon, evaluation) },
    }
  }
  return {
    applied: false,
    adjustments: { cart, code: null, shares: [] },
    row: {
      id: application.id,
      status: "removed",
      removed_reason: `Coupon ${application.code} was removed: ${evaluation.message}`,
      cart_fingerprint: null,
      allocations: null,
    },
  }
}

export const planCouponRefreshStep = createStep(
  "plan-coupon-refresh",
  async (input: { cart: any; application: CartCouponRow | null }, { container }) =>
    new StepResponse(await planCouponRefresh(container, input.cart, input.application))
)
