import { authenticate, MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../../../utils/validate-body"
import { StoreCouponPreview } from "./validators"

export const storeCartCouponPreviewRoutesMiddlewares: MiddlewareRoute[] = [
  {
    // The customer, when logged in, keys the attempt limit and picks the wallet coupon.
    matcher: "/store/carts/:id/coupon/preview",
    methods: ["POST"],
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      validateBody(StoreCouponPreview),
    ],
  },
]
