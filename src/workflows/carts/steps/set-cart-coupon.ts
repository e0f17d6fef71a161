import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

type CartCouponInput = {
  cart_id: string
  coupon_id: string
  code: string
  coupon_code_id: string | null
  manual_promo_codes: string[]
  cart_fingerprint: string
  allocations: { item_id: string; amount: number }[]
}

type Undo = { created?: string; previous?: any }

/**
 * Puts the coupon on the cart, replacing any other (one coupon per order).
 * Manual promotion codes on the cart stand aside and are remembered so that
 * removing the coupon can bring them back.
 */
export const setCartCouponStep = createStep(
  "set-cart-coupon",
  async (input: CartCouponInput, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const previous = await couponService.readCartCoupon(input.cart_id)
    const values = {
      coupon_id: input.coupon_id,
      code: input.code,
      coupon_code_id: input.coupon_code_id,
      status: "applied" as const,
      removed_reason: null,
      cart_fingerprint: input.cart_fingerprint,
      allocations: input.allocations as any,
    }
    if (previous) {
      const suspended = previous.status === "applied" ? previous.suspended_promo_codes : []
      const row = await couponService.updateCouponCarts({
        id: previous.id,
        ...values,
        suspended_promo_codes: [...new Set([...suspended, ...input.manual_promo_codes])],
      })
      return new StepResponse(row, { previous } as Undo)
    }
    const row = await couponService.createCouponCarts({
      cart_id: input.cart_id,
      ...values,
      suspended_promo_codes: input.manual_promo_codes,
    })
    return new StepResponse(row, { created: row.id } as Undo)
  },
  async (undo, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    if (undo?.created) await couponService.deleteCouponCarts(undo.created)
    if (undo?.previous) {
      const { id, coupon_id, code, coupon_code_id, status, removed_reason, suspended_promo_codes, cart_fingerprint, allocations } =
        undo.previous
      await couponService.updateCouponCarts({
        id,
        coupon_id,
        code,
        coupon_code_id,
        status,
        removed_reason,
        suspended_promo_codes,
        cart_fingerprint,
        allocations,
      })
    }
  }
)
