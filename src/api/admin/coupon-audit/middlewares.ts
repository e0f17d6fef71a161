import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetAuditParams } from "./validators"

export const adminAuditRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/coupon-audit",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetAuditParams, { defaults: [], isList: true, defaultLimit: 20 })],
  },
]
