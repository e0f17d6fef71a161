import type { MedusaRequest } from "@medusajs/framework/http"
import { refusalOf } from "../../modules/coupon/errors"
import { applyCouponToCartWorkflow } from "../../workflows/carts/workflows/apply-coupon-to-cart"
import { recordUnknownCode } from "./code-attempts"

/**
 * Applies a code to a cart, whichever way it came (the plugin's own route or
 * a storefront's `promo_codes`): judged on the cart under Medusa's cart lock,
 * refused with the first failed rule, and counted as a guess when no coupon
 * has the code.
 */
export async function applyCouponCode(req: MedusaRequest, cartId: string, code: string): Promise<void> {
  try {
    await applyCouponToCartWorkflow(req.scope).run({ input: { cart_id: cartId, code } })
  } catch (error) {
    if (refusalOf(error)?.code === "coupon_not_found") await recordUnknownCode(req, cartId)
    throw error
  }
}
