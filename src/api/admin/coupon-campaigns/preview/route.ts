import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../../modules/coupon"
import { CampaignBarcodeFormat, couponOfferText, HEX_COLOR } from "../../../../modules/coupon/lib/campaign"
import type CouponModuleService from "../../../../modules/coupon/service"
import { barcodeDataUrl } from "../../../coupon-pages/[token]/barcode"
import { renderCouponPage } from "../../../coupon-pages/[token]/page"
import type { AdminPreviewCampaignType } from "../validators"

const SAMPLE_CODE = "PREVIEW-7K3Q"
const colorOr = (value: string | undefined, fallback: string) => (value && HEX_COLOR.test(value) ? value : fallback)

/**
 * POST /admin/coupon-campaigns/preview — the hosted coupon page exactly as
 * the server renders it (renderCouponPage, a real barcode of a sample code),
 * for the campaign form's live preview. The form is being typed: values that
 * are not valid yet fall back to the page's defaults instead of refusing.
 */
export async function POST(req: MedusaRequest<AdminPreviewCampaignType>, res: MedusaResponse) {
  const values = req.validatedBody
  const [coupon] = values.coupon_id
    ? await req.scope.resolve<CouponModuleService>(COUPON_MODULE).listCoupons({ id: values.coupon_id })
    : []
  const format: CampaignBarcodeFormat = values.barcode_format ?? "QR"
  const html = renderCouponPage({
    token: "preview",
    campaign: {
      name: values.name?.trim() || "Campaign name",
      instructions: values.instructions || null,
      image_url: values.image_url && /^https?:\/\//.test(values.image_url) ? values.image_url : null,
      background_color: colorOr(values.background_color, "#f3f4f6"),
      button_color: colorOr(values.button_color, "#111827"),
      button_text_color: colorOr(values.button_text_color, "#ffffff"),
    },
    coupon_title: coupon?.title ?? "The coupon's title",
    offer: coupon ? couponOfferText(coupon as any) : "The coupon's offer",
    redeemed: values.redeemed
      ? { code: SAMPLE_CODE, barcode_data_url: await barcodeDataUrl(format, SAMPLE_CODE), expires_at: null, verified_at: null }
      : null,
  })
  res.json({ html })
}
