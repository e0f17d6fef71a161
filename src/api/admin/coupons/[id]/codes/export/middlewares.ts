import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminExportCouponCodesParams } from "./validators"

export const adminCouponCodeExportRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/coupons/:id/codes/export",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminExportCouponCodesParams, {})],
  },
]
