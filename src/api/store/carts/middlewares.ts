import { authenticate, MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { StoreApplyCoupon } from "./[id]/coupon/validators"
import { listCouponAsPromotion } from "../coupon-as-promotion"
import { routeCouponPromoCodes } from "./coupon-promo-codes"
import { guardInput } from "../../utils/input-guard"
import { refuseUsedUpCoupon } from "./refuse-used-up-coupon"

/**
 * Lets Medusa's own cart routes return the cart's coupon row when asked
 * (`?fields=+coupon_cart.*`, see src/links/cart-coupon.ts): their field
 * list is closed to anything Medusa does not know.
 */
function allowCouponCartField(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  req.allowed?.push("coupon_cart")
  next()
}

export const storeCartCouponRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/carts*",
    middlewares: [allowCouponCartField, listCouponAsPromotion],
  },
  {
    // Codes typed at any Medusa storefront (docs/rules.md §7.1).
    matcher: "/store/carts/:id",
    methods: ["POST"],
    // The codes reach the plugin's SQL: NUL and control characters are refused first.
    middlewares: [guardInput, routeCouponPromoCodes],
  },
  {
    matcher: "/store/carts/:id/promotions",
    methods: ["POST", "DELETE"],
    middlewares: [guardInput, routeCouponPromoCodes],
  },
  {
    // A cart whose coupon is used up is refused before Medusa's completion starts.
    matcher: "/store/carts/:id/complete",
    methods: ["POST"],
    middlewares: [refuseUsedUpCoupon],
  },
  {
    // The order's promotions list the coupon it was placed with.
    matcher: "/store/orders*",
    middlewares: [listCouponAsPromotion],
  },
  {
    // The customer, when logged in, keys the attempt limit and wallet checks.
    matcher: "/store/carts/:id/coupon*",
    middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })],
  },
  {
    matcher: "/store/carts/:id/coupon",
    methods: ["POST"],
    middlewares: [validateBody(StoreApplyCoupon)],
  },
]
