import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../../utils/validate-body"
import { AdminAssignCoupon } from "./validators"

export const adminCouponAssignRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/coupons/:id/assign",
    methods: ["POST"],
    middlewares: [validateBody(AdminAssignCoupon)],
  },
]
