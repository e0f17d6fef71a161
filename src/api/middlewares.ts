import { defineMiddlewares } from "@medusajs/framework/http"
import { adminCouponRoutesMiddlewares } from "./admin/coupons/middlewares"
import { adminCouponCodeRoutesMiddlewares } from "./admin/coupons/[id]/codes/middlewares"
import { adminCouponSettingsRoutesMiddlewares } from "./admin/coupon-settings/middlewares"
import { adminCouponBlocklistRoutesMiddlewares } from "./admin/coupon-blocklist/middlewares"
import { storeCartCouponRoutesMiddlewares } from "./store/carts/middlewares"
import { adminCouponAssignRoutesMiddlewares } from "./admin/coupons/[id]/assign/middlewares"
import { storeCustomerWalletRoutesMiddlewares } from "./store/customers/me/coupons/middlewares"
import { storeCartCouponOptionsRoutesMiddlewares } from "./store/carts/[id]/coupon-options/middlewares"
import { adminPaymentRefundRoutesMiddlewares } from "./admin/payments/middlewares"
import { adminCouponCampaignRoutesMiddlewares } from "./admin/coupon-campaigns/middlewares"
import { adminCustomerWalletRoutesMiddlewares } from "./admin/customers/[id]/coupons/middlewares"
import { storeCartCouponPreviewRoutesMiddlewares } from "./store/carts/[id]/coupon/preview/middlewares"
import { adminCouponCodeExportRoutesMiddlewares } from "./admin/coupons/[id]/codes/export/middlewares"
import { adminCouponAuditRoutesMiddlewares } from "./admin/coupons/[id]/audit/middlewares"
import { couponPageRoutesMiddlewares } from "./coupon-pages/middlewares"
import { couponErrorHandler } from "./utils/error-handler"
import { inputGuardMiddlewares } from "./utils/input-guard"

// Each route folder declares its own validation and auth; this file only
// collects them (the layout of Medusa's own API).
export default defineMiddlewares({
  // Medusa's handler, with every 4xx carrying a refusal `code` (and `details`).
  errorHandler: couponErrorHandler as any,
  routes: [
    // Control characters and NUL bytes refused on every plugin route, first.
    ...inputGuardMiddlewares,
    ...adminCouponRoutesMiddlewares,
    ...adminCouponCodeRoutesMiddlewares,
    ...adminCouponSettingsRoutesMiddlewares,
    ...adminCouponBlocklistRoutesMiddlewares,
    ...storeCartCouponRoutesMiddlewares,
    ...adminCouponAssignRoutesMiddlewares,
    ...storeCustomerWalletRoutesMiddlewares,
    ...storeCartCouponOptionsRoutesMiddlewares,
    ...adminPaymentRefundRoutesMiddlewares,
    ...adminCouponCampaignRoutesMiddlewares,
    ...adminCustomerWalletRoutesMiddlewares,
    ...storeCartCouponPreviewRoutesMiddlewares,
    ...adminCouponCodeExportRoutesMiddlewares,
    ...adminCouponAuditRoutesMiddlewares,
    ...couponPageRoutesMiddlewares,
  ],
})
