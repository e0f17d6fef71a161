import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { campaignListQueryConfig } from "./present"
import {
  AdminCreateCampaign,
  AdminGetCampaignRedemptionsParams,
  AdminGetCampaignsParams,
  AdminIssueCampaignLinks,
  AdminIssueCampaignLinksParams,
  AdminPreviewCampaign,
  AdminSendCampaign,
  AdminUpdateCampaign,
  AdminVerifyCampaignCoupon,
} from "./validators"

// `/preview` and `/verify` are static segments: Medusa registers it before `/:id`, so the
// update validator below never sees a verification.
export const adminCouponCampaignRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/coupon-campaigns",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminGetCampaignsParams, campaignListQueryConfig)],
  },
  {
    matcher: "/admin/coupon-campaigns",
    methods: ["POST"],
    middlewares: [validateBody(AdminCreateCampaign)],
  },
  {
    matcher: "/admin/coupon-campaigns/preview",
    methods: ["POST"],
    middlewares: [validateBody(AdminPreviewCampaign)],
  },
  {
    matcher: "/admin/coupon-campaigns/verify",
    methods: ["POST"],
    middlewares: [validateBody(AdminVerifyCampaignCoupon)],
  },
  {
    matcher: "/admin/coupon-campaigns/:id",
    methods: ["POST"],
    middlewares: [validateBody(AdminUpdateCampaign)],
  },
  {
    matcher: "/admin/coupon-campaigns/:id/send",
    methods: ["POST"],
    middlewares: [validateBody(AdminSendCampaign)],
  },
  {
    matcher: "/admin/coupon-campaigns/:id/links",
    methods: ["POST"],
    // 10,000 contacts with long ids and names: above express's 100kb default.
    bodyParser: { sizeLimit: "8mb" },
    middlewares: [validateAndTransformQuery(AdminIssueCampaignLinksParams, {}), validateBody(AdminIssueCampaignLinks)],
  },
  {
    matcher: "/admin/coupon-campaigns/:id/redemptions",
    methods: ["GET"],
    middlewares: [
      validateAndTransformQuery(AdminGetCampaignRedemptionsParams, { defaults: [], isList: true, defaultLimit: 20 }),
    ],
  },
]
