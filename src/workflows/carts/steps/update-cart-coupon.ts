import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type { CartCouponRow } from "../../../modules/coupon/checkout-queries"
import type CouponModuleService from "../../../modules/coupon/service"

/** Puts the cart's coupon row back as it was read (what undoes apply and refresh). */
export async function restoreCartCouponRow(couponService: CouponModuleService, previous: CartCouponRow) {
  const { id, coupon_id, code, coupon_code_id, status, removed_reason, suspended_promo_codes, cart_fingerprint, allocations } =
    previous
  await couponService.updateCouponCarts({
    id,
    coupon_id,
    code,
    coupon_code_id,
    status,
    removed_reason,
    suspended_promo_codes,
    cart_fingerprint,
    allocations: allocations as any,
  })
}

/**
 * Writes the cart's coupon row: a new split, or the coupon removed with its
 * reason; a null `row` writes nothing. `previous` is the row as read before,
 * put back by the compensation.
 */
export const updateCartCouponStep = createStep(
  "update-cart-coupon",
  async (
    input: { previous: CartCouponRow | null; row: (Partial<Omit<CartCouponRow, "split_current">> & { id: string }) | null },
    { container }
  ) => {
    if (!input.row || !input.previous) return new StepResponse(undefined, null)
    await container.resolve<CouponModuleService>(COUPON_MODULE).updateCouponCarts(input.row as any)
    return new StepResponse(undefined, input.previous)
  },
  async (previous, { container }) => {
    if (previous) await restoreCartCouponRow(container.resolve<CouponModuleService>(COUPON_MODULE), previous)
  }
)
