import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { AdminCreateBlocklistEntry, AdminGetBlocklistParams } from "./validators"

export const adminCouponBlocklistRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/coupon-blocklist",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetBlocklistParams, { defaults: [], isList: true, defaultLimit: 20 })],
  },
  {
    matcher: "/admin/coupon-blocklist",
    methods: ["POST"],
    middlewares: [validateBody(AdminCreateBlocklistEntry)],
  },
]
