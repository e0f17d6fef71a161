import { authenticate, MiddlewareRoute } from "@medusajs/framework/http"

// The coupon page needs no account; a customer signed in (session or bearer
// token) who presses Redeem also gets the coupon in their wallet.
export const couponPageRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/coupon-pages/:token/redeem",
    methods: ["POST"],
    middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })],
  },
]
