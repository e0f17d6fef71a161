import { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { AdminUpdateCouponSettings } from "./validators"

export const adminCouponSettingsRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/coupon-settings",
    methods: ["POST"],
    middlewares: [validateBody(AdminUpdateCouponSettings)],
  },
]
