import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { validateBody } from "../../utils/validate-body"
import { couponListQueryConfig, couponQueryConfig } from "./query-config"
import { AdminCreateCoupon, AdminGetCouponsParams, AdminUpdateCoupon } from "./validators"

const AdminGetCouponParams = createFindParams()

export const adminCouponRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/coupons",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetCouponsParams, couponListQueryConfig)],
  },
  {
    matcher: "/admin/coupons",
    methods: ["POST"],
    middlewares: [validateBody(AdminCreateCoupon), validateAndTransformQuery(AdminGetCouponParams, couponQueryConfig)],
  },
  {
    matcher: "/admin/coupons/:id",
    methods: ["GET", "DELETE"],
    middlewares: [validateAndTransformQuery(AdminGetCouponParams, couponQueryConfig)],
  },
  {
    matcher: "/admin/coupons/:id",
    methods: ["POST"],
    middlewares: [validateBody(AdminUpdateCoupon), validateAndTransformQuery(AdminGetCouponParams, couponQueryConfig)],
  },
  {
    matcher: "/admin/coupons/:id/redemptions",
    methods: ["GET"],
    middlewares: [
      validateAndTransformQuery(createFindParams({ limit: 20, offset: 0 }), { defaults: [], isList: true, defaultLimit: 20 }),
    ],
  },
]
