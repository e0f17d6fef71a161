import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { sendingPeriodError } from "../../../modules/coupon/lib/campaign"

export type SendCampaignInput = {
  campaign_id: string
  customer_ids: string[]
  /** Where the hosted coupon pages are served (the Medusa server's own origin). */
  coupon_page_base_url: string
  /** The admin user sending, for the audit trail. */
  actor_id?: string | null
}

export type CampaignSendPlan = {
  campaign: { id: string; name: string; instructions: string | null; coupon_id: string }
  actor_id: string | null
  contacts: { customer_id: string; email: string }[]
  skipped: { customer_id: string; reason: string }[]
  sent_at: Date
  coupon_page_base_url: string
}

const list = (ids: string[]) => ids.join(", ")
const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10)

/**
 * Decides who gets the campaign, before anything is written. Refused (400,
 * nothing sent): outside the sending period, a coupon that has ended,
 * customers listed twice; 404 for unknown customers. Customers blocked from
 * coupons, and customers without an e-mail address to send to, are skipped
 * and reported.
 */
export const prepareCampaignSendStep = createStep(
  "prepare-coupon-campaign-send",
  async (input: SendCampaignInput, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const now = new Date()

    const campaign = await couponService.retrieveCouponCampaign(input.campaign_id, {
      select: ["id", "name", "instructions", "send_starts_at", "send_ends_at", "coupon_id"],
    })
    const periodError = sendingPeriodError(campaign, now)
    if (periodError) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, periodError)
    }
    const coupon = await couponService.retrieveCoupon(campaign.coupon_id, { select: ["id", "code", "title", "ends_at"] })
    if (coupon.ends_at && new Date(coupon.ends_at) <= now) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Coupon ${coupon.code ?? coupon.title} ended on ${day(coupon.ends_at)}: campaign "${campaign.name}" can no longer be sent; nothing was sent.`
      )
    }

    const customerIds = input.customer_ids
    const duplicates = [...new Set(customerIds.filter((id, i) => customerIds.indexOf(id) !== i))]
    if (duplicates.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Customers listed more than once: ${list(duplicates)}.`)
    }
    const [{ data: customers }, blocked] = await Promise.all([
      query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: customerIds } }),
      couponService.listCouponBlocklistEntries({ customer_id: customerIds }, { select: ["customer_id"] }),
    ])
    const emails = new Map<string, string | null>(customers.map((c: any) => [c.id, c.email]))
    const unknown = customerIds.filter((id) => !emails.has(id))
    if (unknown.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customers not found: ${list(unknown)}; nothing was sent.`)
    }
    const blockedIds = new Set(blocked.map((b) => b.customer_id))

    const plan: CampaignSendPlan = {
      campaign: { id: campaign.id, name: campaign.name, instructions: campaign.instructions ?? null, coupon_id: campaign.coupon_id },
      actor_id: input.actor_id ?? null,
      contacts: [],
      skipped: [],
      sent_at: now,
      coupon_page_base_url: input.coupon_page_base_url,
    }
    for (const customer_id of customerIds) {
      const email = emails.get(customer_id)
      if (blockedIds.has(customer_id)) {
        plan.skipped.push({ customer_id, reason: "The customer is blocked from coupons." })
      } else if (!email) {
        plan.skipped.push({ customer_id, reason: "The customer has no e-mail address." })
      } else {
        plan.contacts.push({ customer_id, email })
      }
    }
    return new StepResponse(plan)
  }
)
