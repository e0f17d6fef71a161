import type { MedusaRequest } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

export const CAMPAIGN_FIELDS = [
  "id",
  "name",
  "instructions",
  "coupon_id",
  "send_starts_at",
  "send_ends_at",
  "expiry_mode",
  "expiry_days",
  "per_contact_limit",
  "image_url",
  "background_color",
  "button_color",
  "button_text_color",
  "barcode_format",
  "created_at",
  "updated_at",
  "coupon.id",
  "coupon.code",
  "coupon.title",
]

export const campaignListQueryConfig = { defaults: CAMPAIGN_FIELDS, defaultLimit: 20, isList: true }

/** Campaigns with their funnel (how many sent coupons were opened, redeemed and verified), in all and per channel. */
export async function withFunnels<T extends { id: string }>(container: MedusaContainer, campaigns: T[]) {
  const funnels = await container.resolve<CouponModuleService>(COUPON_MODULE).campaignFunnels(campaigns.map((c) => c.id))
  return campaigns.map((c) => ({ ...c, ...funnels[c.id] }))
}

/** One campaign as the admin API shows it, or 404. */
export async function retrieveCampaign(container: MedusaContainer, id: string, fields: string[] = CAMPAIGN_FIELDS) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [campaign],
  } = await query.graph({ entity: "coupon_campaign", fields, filters: { id } })
  if (!campaign) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Coupon campaign with id ${id} was not found.`)
  }
  const [presented] = await withFunnels(container, [campaign as { id: string }])
  return presented
}

/** Where coupon page links point: the plugin option `coupon_page_base_url`, else this server as the caller reached it. */
export function couponPageBaseUrl(req: MedusaRequest): string {
  const { options } = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  return options.coupon_page_base_url ?? `${req.protocol}://${req.get("host")}`
}
