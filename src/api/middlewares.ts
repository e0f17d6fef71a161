import {
  authenticate,
  defineMiddlewares,
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
import { validateBody } from "./utils/validate-body"
import { StoreApplyCoupon } from "./store/carts/[id]/coupon/validators"

const AdminGetCouponParams = createFindParams()

export default defineMiddlewares({
  routes: [
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
    {
      matcher: "/admin/coupons/:id/redemptions",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(createFindParams({ limit: 20, offset: 0 }), { defaults: [], isList: true, defaultLimit: 20 })],
    },
    {
      matcher: "/admin/coupons",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminGetCouponsParams, couponListQueryConfig)],
    },
    {
      matcher: "/admin/coupons",
      methods: ["POST"],
      middlewares: [
        validateBody(AdminCreateCoupon),
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
        validateBody(AdminUpdateCoupon),
        validateAndTransformQuery(AdminGetCouponParams, couponQueryConfig),
      ],
    },
    {
      matcher: "/admin/coupon-settings",
      methods: ["POST"],
      middlewares: [validateBody(AdminUpdateCouponSettings)],
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
      middlewares: [validateBody(AdminCreateBlocklistEntry)],
    },
  ],
})
