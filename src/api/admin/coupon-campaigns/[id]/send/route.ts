import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { couponPageUrl } from "../../../../../modules/coupon/lib/campaign"
import { sendCampaignWorkflow } from "../../../../../workflows/campaigns/workflows/send-campaign"
import { couponPageBaseUrl, retrieveCampaign } from "../../present"
import type { AdminSendCampaignType } from "../../validators"

/**
 * Sends the campaign's coupon to customers (contact: `email` / their
 * address; contacts on other channels: POST …/links): `{ recipients, skipped }`. Each
 * recipient carries its `coupon_url`, the link also sent in the notification
 * (for sharing through a chat channel), and its notification's status
 * (`success`, `failure`). Links point at the plugin option
 * `coupon_page_base_url`, else at this server as the admin reached it.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminSendCampaignType>, res: MedusaResponse) {
  await retrieveCampaign(req.scope, req.params.id)
  const baseUrl = couponPageBaseUrl(req)
  const { result } = await sendCampaignWorkflow(req.scope).run({
    input: { campaign_id: req.params.id, customer_ids: req.validatedBody.customer_ids, coupon_page_base_url: baseUrl },
  })
  res.json({
    recipients: result.recipients.map((r: any) => ({
      id: r.id,
      customer_id: r.customer_id,
      channel: r.channel,
      contact_id: r.contact_id,
      status: r.status,
      sent_at: r.sent_at,
      coupon_url: couponPageUrl(baseUrl, r.token),
      notification_status: r.notification_status,
    })),
    skipped: result.skipped,
  })
}
