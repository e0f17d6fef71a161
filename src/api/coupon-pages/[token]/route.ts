import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { isLinkPreviewFetch } from "../../../modules/coupon/lib/campaign"
import { openCampaignCouponWorkflow } from "../../../workflows/campaigns/workflows/open-campaign-coupon"
import { COUPON_PAGE_HEADERS, renderCouponPage, renderMessagePage } from "./page"
import { loadCouponPage } from "./view"

/**
 * The hosted coupon page a campaign's link opens (no API key: it is the
 * link a shopper taps in a chat or an e-mail). Its first view by a browser
 * marks the coupon `opened`; a chat app drawing the link's preview does not. Before redemption it shows the offer and a Redeem
 * button; after, the code as a barcode in the campaign's format.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const page = await loadCouponPage(req.scope, req.params.token)
  res.set(COUPON_PAGE_HEADERS)
  if (!page) {
    res.status(404).send(renderMessagePage("Coupon not found", "This coupon link is not valid."))
    return
  }
  if (!page.recipient.opened_at && !isLinkPreviewFetch(req.get("user-agent"))) {
    await openCampaignCouponWorkflow(req.scope).run({ input: { recipient_id: page.recipient.id } })
  }
  res.status(200).send(renderCouponPage(page.view))
}
