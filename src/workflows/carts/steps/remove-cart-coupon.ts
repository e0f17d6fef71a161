import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { writeCouponAdjustments } from "../coupon-adjustments"
import { loadCouponCart } from "../load-coupon-cart"
// Only called when a compensation runs, never while the modules load.
import { refreshCouponOnCartWorkflow } from "../workflows/refresh-coupon-on-cart"

/** Takes the coupon and its adjustments off the cart; returns the promotion codes to bring back. */
export const removeCartCouponStep = createStep(
  "remove-cart-coupon",
  async (input: { cart_id: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const row = await couponService.readCartCoupon(input.cart_id)
    const cart = await loadCouponCart(container, input.cart_id)
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${cart.id} is already completed.`)
    }
    if (!row) {
      return new StepResponse({ restore_promo_codes: [] as string[] }, null)
    }
    await writeCouponAdjustments(container, cart, null, [])
    await couponService.softDeleteCouponCarts(row.id)
    const restore = row.status === "applied" ? row.suspended_promo_codes : []
    return new StepResponse({ restore_promo_codes: restore }, row.id)
  },
  async (rowId, { container }) => {
    if (!rowId) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.restoreCouponCarts(rowId)
    const [row] = await couponService.listCouponCarts({ id: rowId })
    if (row) await refreshCouponOnCartWorkflow(container).run({ input: { cart: await loadCouponCart(container, row.cart_id) } })
  }
)
