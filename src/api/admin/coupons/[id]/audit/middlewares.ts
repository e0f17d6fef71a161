import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

export const adminCouponAuditRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/coupons/:id/audit",
    methods: ["GET"],
    middlewares: [
      validateAndTransformQuery(createFindParams({ limit: 20, offset: 0 }), { defaults: [], isList: true, defaultLimit: 20 }),
    ],
  },
]
