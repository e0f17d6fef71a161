import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { StoreGetWalletCouponsParams } from "../../../../store/customers/me/coupons/validators"

/** The admin reads a wallet with the shopper's own filters and page sizes. */
export const adminCustomerWalletRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/customers/:id/coupons",
    methods: ["GET"],
    middlewares: [
      validateAndTransformQuery(StoreGetWalletCouponsParams, { defaults: [], isList: true, defaultLimit: 20 }),
    ],
  },
]
