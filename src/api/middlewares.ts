import {
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminCreateCoupon,
  AdminGetCouponsParams,
  AdminUpdateCoupon,
} from "./admin/coupons/validators"
import { couponListQueryConfig, couponQueryConfig } from "./admin/coupons/query-config"
import { AdminUpdateCouponSettings } from "./admin/coupon-settings/validators"
import {
  AdminCreateBlocklistEntry,
  AdminGetBlocklistParams,
} from "./admin/coupon-blocklist/validators"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

const AdminGetCouponParams = createFindParams()

export default defineMiddlewares({
  routes: [
    {
      matcher: "/admin/coupons",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminGetCouponsParams, couponListQueryConfig)],
    },
    {
      matcher: "/admin/coupons",
      methods: ["POST"],
      middlewares: [
        validateAndTransformBody(AdminCreateCoupon),
        validateAndTransformQuery(AdminGetCouponParams, couponQueryConfig),
      ],
    },
    {
      matcher: "/admin/coupons/:id",
      methods: ["GET", "DELETE"],
      middlewares: [validateAndTransformQuery(AdminGetCouponParams, couponQueryConfig)],
    },
    {
      matcher: "/admin/coupons/:id",
      methods: ["POST"],
      middlewares: [
        validateAndTransformBody(AdminUpdateCoupon),
        validateAndTransformQuery(AdminGetCouponParams, couponQueryConfig),
      ],
    },
    {
      matcher: "/admin/coupon-settings",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminUpdateCouponSettings)],
    },
    {
      matcher: "/admin/coupon-blocklist",
      methods: ["GET"],
      middlewares: [
        validateAndTransformQuery(AdminGetBlocklistParams, { defaults: [], isList: true, defaultLimit: 20 }),
      ],
    },
    {
      matcher: "/admin/coupon-blocklist",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminCreateBlocklistEntry)],
    },
  ],
})
