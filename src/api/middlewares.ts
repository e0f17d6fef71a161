import { defineMiddlewares } from "@medusajs/framework/http"
import { adminCouponRoutesMiddlewares } from "./admin/coupons/middlewares"
import { adminCouponSettingsRoutesMiddlewares } from "./admin/coupon-settings/middlewares"
import { adminCouponBlocklistRoutesMiddlewares } from "./admin/coupon-blocklist/middlewares"
import { storeCartCouponRoutesMiddlewares } from "./store/carts/middlewares"

// Each route folder declares its own validation and auth; this file only
// collects them (the layout of Medusa's own API).
export default defineMiddlewares({
  routes: [
    ...adminCouponRoutesMiddlewares,
    ...adminCouponSettingsRoutesMiddlewares,
    ...adminCouponBlocklistRoutesMiddlewares,
    ...storeCartCouponRoutesMiddlewares,
  ],
})
