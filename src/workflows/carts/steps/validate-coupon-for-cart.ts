import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartCouponFingerprint, judgeCouponOnCart, loadCouponCart } from "../coupon-on-cart"

/**
 * Refuses a code that may not go on this cart, with the first failed rule of
 * rules.md §2 as the message (404 for a code that does not exist).
 */
export const validateCouponForCartStep = createStep(
  "validate-coupon-for-cart",
  async (input: { cart_id: string; code: string }, { container }) => {
    // The code's lookups run while the cart (and its promotions) is read.
    const { cart, code, coupon, serial, evaluation } = await judgeCouponOnCart(
      container,
      loadCouponCart(container, input.cart_id, ["promotions.code", "promotions.is_automatic"]),
      input.code
    )
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${cart.id} is already completed.`)
    }
    if (!evaluation.ok) {
      throw new MedusaError(
        evaluation.rule === "unknown_code" ? MedusaError.Types.NOT_FOUND : MedusaError.Types.NOT_ALLOWED,
        evaluation.message
      )
    }
    const manualPromoCodes = ((cart as any).promotions ?? [])
      .filter((p: any) => p && !p.is_automatic && p.code)
      .map((p: any) => p.code as string)
    return new StepResponse({
      coupon_id: coupon.id as string,
      title: coupon.title as string,
      description: (coupon.description as string | null) ?? null,
      code,
      coupon_code_id: (serial?.id as string) ?? null,
      manual_promo_codes: manualPromoCodes,
      // The refresh that follows writes these without judging again.
      cart_fingerprint: cartCouponFingerprint(cart),
      allocations: evaluation.allocations,
    })
  }
)
