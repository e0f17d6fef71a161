import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../../modules/coupon"
import { refusalOf } from "../../../../modules/coupon/errors"
import type CouponModuleService from "../../../../modules/coupon/service"
import { claimCampaignCouponIntoWalletWorkflow } from "../../../../workflows/campaigns/workflows/claim-campaign-coupon-into-wallet"
import { redeemCampaignCouponWorkflow } from "../../../../workflows/campaigns/workflows/redeem-campaign-coupon"
import { COUPON_PAGE_HEADERS, renderMessagePage } from "../page"

const REFUSALS: Record<string, number> = {
  [MedusaError.Types.NOT_FOUND]: 404,
  [MedusaError.Types.NOT_ALLOWED]: 400,
  [MedusaError.Types.INVALID_DATA]: 400,
}

/**
 * The Redeem button: claims the code (into the wallet of the recipient's
 * customer or of the customer signed in; for a contact without an account,
 * onto the page only) and sends the browser back to the page (303), which
 * now shows the code. A coupon already redeemed just goes back to the page —
 * unless a contact redeemed it without an account and now comes back signed
 * in: then it also goes into their wallet. A refusal is an HTML page with the
 * reason, its refusal code in the card's `data-code` (nothing written).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const token = req.params.token
  const pageUrl = `/coupon-pages/${encodeURIComponent(token)}`
  const customerId = req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : null
  const [recipient] = await req.scope
    .resolve<CouponModuleService>(COUPON_MODULE)
    .listCouponCampaignRecipients({ token }, { select: ["id", "status", "customer_id"], take: 1 })
  const redeemed = recipient?.status === "redeemed" || recipient?.status === "verified"
  if (redeemed && (recipient.customer_id || !customerId)) {
    res.redirect(303, pageUrl)
    return
  }
  try {
    if (redeemed) {
      await claimCampaignCouponIntoWalletWorkflow(req.scope).run({ input: { recipient_id: recipient.id, customer_id: customerId! } })
    } else {
      await redeemCampaignCouponWorkflow(req.scope).run({ input: { token, customer_id: customerId } })
    }
  } catch (error) {
    const status = REFUSALS[(error as MedusaError)?.type]
    if (!status) throw error
    res.set(COUPON_PAGE_HEADERS)
    res
      .status(status)
      .send(
        renderMessagePage(
          status === 404 ? "Coupon not found" : "Coupon not redeemed",
          (error as Error).message,
          status === 404 ? undefined : token,
          refusalOf(error)?.code
        )
      )
    return
  }
  res.redirect(303, pageUrl)
}
