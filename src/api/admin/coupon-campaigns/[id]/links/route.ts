import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { couponPageUrl } from "../../../../../modules/coupon/lib/campaign"
import { sendCampaignWorkflow } from "../../../../../workflows/campaigns/workflows/send-campaign"
import { couponPageBaseUrl, retrieveCampaign } from "../../present"
import type { AdminIssueCampaignLinksParamsType, AdminIssueCampaignLinksType } from "../../validators"

const CSV_COLUMNS = ["channel", "contact_id", "name", "customer_id", "coupon_url", "status", "created", "notification_status"]

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
const csvCell = (value: unknown) => {
  let text = value === null || value === undefined ? "" : String(value)
  if (/^[=+\-@]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * POST /admin/coupon-campaigns/:id/links — a bot flow or a bulk tool asks for
 * contacts' coupon links (docs/api.md, "Chat bots"). Authenticated like every
 * admin route, typically with a secret API key (`Authorization: Basic
 * <sk_…>`). Idempotent per contact: a contact's link not redeemed yet is
 * returned again (`created: false`); a new one only once the earlier ones
 * are redeemed and the per-contact limit allows another (`limit_reached`
 * otherwise, with the newest link). A new link is also sent through the
 * Notification module on the contact's channel when a provider serves it.
 * `?format=csv` answers the same rows as a CSV download.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminIssueCampaignLinksType, AdminIssueCampaignLinksParamsType>,
  res: MedusaResponse
) {
  const campaign = await retrieveCampaign(req.scope, req.params.id, ["id", "name"])
  const baseUrl = couponPageBaseUrl(req)
  const { result } = await sendCampaignWorkflow(req.scope).run({
    input: { campaign_id: req.params.id, contacts: req.validatedBody.contacts, coupon_page_base_url: baseUrl },
  })
  const links = result.recipients.map((r) => ({
    id: r.id,
    channel: r.channel,
    contact_id: r.contact_id,
    name: r.contact_name,
    customer_id: r.customer_id,
    coupon_url: couponPageUrl(baseUrl, r.token),
    status: r.status,
    sent_at: r.sent_at,
    created: r.created,
    limit_reached: r.limit_reached,
    notification_status: r.notification_status,
  }))
  if (req.validatedQuery.format === "csv") {
    const name = `${String((campaign as { name?: string }).name ?? campaign.id).replace(/[^A-Za-z0-9_-]+/g, "_")}-links.csv`
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`)
    res.setHeader("Cache-Control", "no-store")
    const lines = [CSV_COLUMNS.join(","), ...links.map((l: any) => CSV_COLUMNS.map((c) => csvCell(l[c])).join(","))]
    res.status(200).send(lines.join("\r\n") + "\r\n")
    return
  }
  res.json({ links, skipped: result.skipped })
}
