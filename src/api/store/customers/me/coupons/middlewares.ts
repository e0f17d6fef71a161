import { authenticate, MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { validateBody } from "../../../../utils/validate-body"
import { StoreClaimWalletCoupon, StoreGetWalletCouponsParams } from "./validators"

export const storeCustomerWalletRoutesMiddlewares: MiddlewareRoute[] = [
  {
    // A wallet belongs to a logged-in customer: guests get 401.
    matcher: "/store/customers/me/coupons",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    matcher: "/store/customers/me/coupons",
    methods: ["GET"],
    middlewares: [
      validateAndTransformQuery(StoreGetWalletCouponsParams, { defaults: [], isList: true, defaultLimit: 20 }),
    ],
  },
  {
    matcher: "/store/customers/me/coupons",
    methods: ["POST"],
    middlewares: [validateBody(StoreClaimWalletCoupon)],
  },
]
