import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../../modules/coupon"
import type CouponModuleService from "../../../../modules/coupon/service"
import { verifyCampaignCouponWorkflow } from "../../../../workflows/campaigns/workflows/verify-campaign-coupon"
import type { AdminVerifyCampaignCouponType } from "../validators"

/**
 * Point-of-sale verification: staff scan or type the code shown on the
 * shopper's coupon page; the recipient holding it — a customer, or a chat
 * contact without an account — becomes `verified`. `customer_id`, or
 * `channel` and `contact_id`, are needed only for a shared code several
 * contacts redeemed.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminVerifyCampaignCouponType>, res: MedusaResponse) {
  const { result: recipientId } = await verifyCampaignCouponWorkflow(req.scope).run({ input: req.validatedBody })
  const recipient = await req.scope
    .resolve<CouponModuleService>(COUPON_MODULE)
    .retrieveCouponCampaignRecipient(recipientId, {
      select: ["id", "campaign_id", "channel", "contact_id", "contact_name", "customer_id", "code", "status", "sent_at", "opened_at", "redeemed_at", "verified_at"],
    })
  res.json({ redemption: recipient })
}
