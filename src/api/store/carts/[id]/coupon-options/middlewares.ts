import { authenticate, MiddlewareRoute } from "@medusajs/framework/http"

export const storeCartCouponOptionsRoutesMiddlewares: MiddlewareRoute[] = [
  {
    // Options come from the customer's wallet: guests get 401.
    matcher: "/store/carts/:id/coupon-options",
    methods: ["GET"],
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
]
