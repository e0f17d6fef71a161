import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type CouponModuleService from "../../../../../modules/coupon/service"
import { retrieveCampaign } from "../../present"
import type { AdminGetCampaignRedemptionsParamsType } from "../../validators"

/**
 * The campaign's redemption records: every coupon it sent, newest first,
 * with the contact (channel, contact id, name), the customer when one is
 * linked, the code (once redeemed), the status and the time of each step.
 * `status` filters on the current step, `channel` on the contact's channel.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetCampaignRedemptionsParamsType>,
  res: MedusaResponse
) {
  await retrieveCampaign(req.scope, req.params.id, ["id"])
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { skip, take } = req.queryConfig.pagination
  const { status, channel } = req.validatedQuery
  const [recipients, count] = await couponService.listAndCountCouponCampaignRecipients(
    { campaign_id: req.params.id, ...(status ? { status } : {}), ...(channel ? { channel } : {}) },
    { skip, take, order: { sent_at: "DESC", id: "ASC" } }
  )
  const linked = recipients.map((r) => r.customer_id as string | null).filter((id): id is string => !!id)
  const customerIds: string[] = [...new Set<string>(linked)]
  const { data: customers } = customerIds.length
    ? await query.graph({
        entity: "customer",
        fields: ["id", "email", "first_name", "last_name"],
        filters: { id: customerIds },
      })
    : { data: [] }
  const byId = new Map(customers.map((c: any) => [c.id, c]))
  res.json({
    redemptions: recipients.map((r) => ({
      id: r.id,
      channel: r.channel,
      contact_id: r.contact_id,
      contact_name: r.contact_name,
      customer_id: r.customer_id,
      customer: (r.customer_id && byId.get(r.customer_id)) || null,
      code: r.code,
      status: r.status,
      wallet_entry_id: r.wallet_entry_id,
      sent_at: r.sent_at,
      opened_at: r.opened_at,
      redeemed_at: r.redeemed_at,
      verified_at: r.verified_at,
    })),
    count,
    limit: take,
    offset: skip,
  })
}
