import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { updateCartWorkflow } from "@medusajs/medusa/core-flows"
import { COUPON_MODULE } from "../../../modules/coupon"
import { refuse } from "../../../modules/coupon/errors"
import { normalizeCode } from "../../../modules/coupon/lib/code-generation"
import type CouponModuleService from "../../../modules/coupon/service"
import { sortPromoCodes } from "../../../workflows/carts/promo-codes"
import { removeCouponFromCartWorkflow } from "../../../workflows/carts/workflows/remove-coupon-from-cart"
import { applyCouponCode } from "../../utils/apply-coupon-code"
import { recordUnknownCode, refuseWhenOutOfAttempts } from "../../utils/code-attempts"

/*
 * Coupon codes typed at any Medusa storefront (docs/rules.md §7.1). Storefronts
 * send codes as `promo_codes` to Medusa's own routes: POST /store/carts/:id
 * (the list replaces the cart's codes), POST /store/carts/:id/promotions
 * (adds) and DELETE /store/carts/:id/promotions (removes). This middleware
 * runs after Medusa's validation and before its handler: coupon codes take
 * the coupon path (the same judgement, messages, attempt limit and workflow
 * as POST /store/carts/:id/coupon), Medusa promotion codes go on to Medusa's
 * handler untouched, and a cart without a coupon never notices the plugin.
 */

type PromoCodesAction = "replace" | "add" | "remove"

function actionOf(req: MedusaRequest, codes: unknown[]): PromoCodesAction {
  if (req.method === "DELETE") return "remove"
  // Medusa's own rule: POST /promotions with an empty list replaces.
  if (/\/promotions\/?$/.test(req.path) && codes.length) return "add"
  return "replace"
}

const listed = (codes: string[]) => codes.join(", ")

async function respondWithCart(req: MedusaRequest, res: MedusaResponse, cartId: string) {
  const cart = await refetchCart(cartId, req.scope, req.queryConfig.fields)
  res.status(200).json({ cart })
}

export async function routeCouponPromoCodes(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    await route(req, res, next)
  } catch (error) {
    next(error)
  }
}

async function route(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const body = (req.validatedBody ?? req.body) as ({ promo_codes?: unknown } & Record<string, unknown>) | undefined
  const codes = body?.promo_codes
  if (!Array.isArray(codes)) return next()
  const cartId = req.params.id
  const action = actionOf(req, codes)
  const [application, sorted] = await Promise.all([
    req.scope.resolve<CouponModuleService>(COUPON_MODULE).readCartCoupon(cartId),
    sortPromoCodes(req.scope, codes as string[]),
  ])
  const applied = application?.status === "applied" ? application.code : null
  const isCoupon = (code: unknown) => sorted.coupons.includes(normalizeCode(String(code)))

  if (action === "remove") {
    if (!sorted.coupons.length) return next()
    if (applied && sorted.coupons.includes(applied)) {
      await removeCouponFromCartWorkflow(req.scope).run({ input: { cart_id: cartId } })
    }
    const rest = codes.filter((code) => !isCoupon(code))
    if (!rest.length) return respondWithCart(req, res, cartId)
    body!.promo_codes = rest
    return next()
  }

  // A cart without a coupon and a list without one: Medusa's path, untouched.
  if (!sorted.coupons.length && !sorted.unknown.length && !applied) return next()

  if (sorted.unknown.length) {
    // Not a coupon's and not a promotion's: a guess, limited like one.
    if (await refuseWhenOutOfAttempts(req, res, cartId)) return
    await recordUnknownCode(req, cartId)
    throw refuse(
      "coupon_not_found",
      `The promotion code ${listed(sorted.unknown)} is invalid: no coupon or promotion has this code.`,
      { codes: sorted.unknown },
      MedusaError.Types.INVALID_DATA
    )
  }
  if (sorted.coupons.length > 1) {
    throw refuse(
      "one_coupon_per_order",
      `Only one coupon can be used on an order: ${listed(sorted.coupons)} were sent together. Keep one of them.`,
      { coupon_codes: sorted.coupons }
    )
  }
  const [coupon] = sorted.coupons
  if (coupon && sorted.promotions.length) {
    throw refuse(
      "combined_with_promotion",
      `Coupon ${coupon} cannot be combined with promotion ${listed(sorted.promotions)}: remove ${listed(sorted.promotions)} to use the coupon.`,
      { coupon_code: coupon, promotion_codes: sorted.promotions }
    )
  }

  if (coupon) {
    const { promo_codes: _codes, ...rest } = body!
    // POST /store/carts/:id may update the cart too: that first, so the coupon is judged on the updated cart.
    if (action === "replace" && Object.entries(rest).some(([key, value]) => key !== "additional_data" && value !== undefined)) {
      await updateCartWorkflow(req.scope).run({ input: { ...rest, id: cartId } as any })
    }
    if (coupon !== applied) {
      if (await refuseWhenOutOfAttempts(req, res, cartId)) return
      await applyCouponCode(req, cartId, coupon)
    }
    return respondWithCart(req, res, cartId)
  }

  // A coupon cart, and a list without its code.
  if (action === "replace") {
    // The list replaces the cart's codes: the coupon goes, the list's promotions apply.
    await removeCouponFromCartWorkflow(req.scope).run({ input: { cart_id: cartId } })
    return next()
  }
  // Adding promotion codes to a coupon cart: Medusa's workflow refuses them
  // (hooks/cart-promotions.ts), as it does for any caller of that workflow.
  return next()
}
