import type { MedusaRequest } from "@medusajs/framework/http"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { refusalOf } from "../../modules/coupon/errors"
import { applyCouponInput } from "../../workflows/carts/apply-coupon"
import { recordUnknownCode } from "./code-attempts"

/**
 * Applies a code to a cart, whichever way it came (the plugin's own route or
 * a storefront's `promo_codes`): judged on the cart under Medusa's cart lock,
 * refused with the first failed rule, and counted as a guess when no coupon
 * has the code.
 */
export async function applyCouponCode(req: MedusaRequest, cartId: string, code: string): Promise<void> {
  try {
    await updateCartPromotionsWorkflow(req.scope).run({ input: applyCouponInput(cartId, code) })
  } catch (error) {
    if (refusalOf(error)?.code === "coupon_not_found") await recordUnknownCode(req, cartId)
    throw error
  }
}
