import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { defaultStoreCartFields } from "@medusajs/medusa/api/store/carts/query-config"
import { bestWalletCode } from "../../../../../workflows/wallet/wallet-on-cart"
import { removeCouponFromCartWorkflow } from "../../../../../workflows/carts/workflows/remove-coupon-from-cart"
import { applyCouponCode } from "../../../../utils/apply-coupon-code"
import { refuseWhenOutOfAttempts } from "../../../../utils/code-attempts"
import { appliedCouponDetails, cartCouponSummary, couponCartFields, presentCartCoupon } from "./summary"
import type { StoreApplyCouponType } from "./validators"

export async function POST(req: MedusaRequest<StoreApplyCouponType>, res: MedusaResponse) {
  const cartId = req.params.id
  if (await refuseWhenOutOfAttempts(req, res, cartId)) return
  // No code: the logged-in customer's wallet coupon with the highest discount.
  const code = req.validatedBody.code ?? (await bestWalletCode(req.scope, cartId, (req as any).auth_context?.actor_id))
  await applyCouponCode(req, cartId, code)
  const [cart, applied] = await Promise.all([
    refetchCart(cartId, req.scope, couponCartFields(defaultStoreCartFields)),
    appliedCouponDetails(req.scope, cartId),
  ])
  res.json({ cart, coupon: applied ? presentCartCoupon(cart as any, applied) : null })
}

export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await removeCouponFromCartWorkflow(req.scope).run({ input: { cart_id: req.params.id } })
  const cart = await refetchCart(req.params.id, req.scope, couponCartFields(defaultStoreCartFields))
  res.json({ cart })
}

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json(await cartCouponSummary(req.scope, req.params.id))
}
