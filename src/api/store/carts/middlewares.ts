import { authenticate, MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { StoreApplyCoupon } from "./[id]/coupon/validators"

export const storeCartCouponRoutesMiddlewares: MiddlewareRoute[] = [
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
