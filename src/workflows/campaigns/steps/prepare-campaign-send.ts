import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { refuse } from "../../../modules/coupon/errors"
import { contactKey, CUSTOMER_CHANNEL, sendingPeriodError } from "../../../modules/coupon/lib/campaign"

export type CampaignContactInput = {
  channel: string
  contact_id: string
  name?: string | null
  customer_id?: string | null
}

/** Either store customers (`customer_ids`) or contacts on any channel (`contacts`). */
export type SendCampaignInput = {
  campaign_id: string
  customer_ids?: string[]
  contacts?: CampaignContactInput[]
  /** Where the hosted coupon pages are served (the Medusa server's own origin). */
  coupon_page_base_url: string
}

export type PlannedRecipient = {
  channel: string
  contact_id: string
  contact_name: string | null
  customer_id: string | null
}

export type CampaignSendPlan = {
  campaign: { id: string; name: string; instructions: string | null; per_contact_limit: number }
  recipients: PlannedRecipient[]
  /**
   * Contacts' links are issued on demand (a bot flow): a contact's link not
   * redeemed yet is returned again. Sending to customers always sends a new coupon.
   */
  reuse_open_links: boolean
  skipped: ({ customer_id: string; reason: string } | { channel: string; contact_id: string; reason: string })[]
  /** The channels a Notification module provider is installed for: only these are notified. */
  notified_channels: string[]
  sent_at: Date
  coupon_page_base_url: string
}

const list = (ids: string[]) => ids.join(", ")
const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10)

/**
 * The channels among `channels` a Notification module provider serves. Asked
 * of the module's provider service, the same lookup createNotifications makes,
 * so a channel is notified exactly when sending on it would find a provider
 * (the module has no public list of its providers).
 */
async function channelsWithProvider(container: MedusaContainer, channels: string[]): Promise<string[]> {
  const notification = container.resolve(Modules.NOTIFICATION, { allowUnregistered: true }) as any
  const providers = notification?.notificationProviderService_
  if (!providers?.getProviderForChannels) return []
  const found: { channels: string[] }[] = await providers.getProviderForChannels(channels)
  return channels.filter((c) => found.some((p) => p?.channels?.includes(c)))
}

/**
 * Decides who gets the campaign, before anything is written. Refused (400,
 * nothing sent): outside the sending period, a coupon that has ended,
 * customers or contacts listed twice; 404 for unknown customers. Customers
 * blocked from coupons, and customers without an e-mail address to send
 * to, are skipped and reported; so are contacts linked to a blocked customer.
 */
export const prepareCampaignSendStep = createStep(
  "prepare-coupon-campaign-send",
  async (input: SendCampaignInput, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const now = new Date()

    const campaign = await couponService.retrieveCouponCampaign(input.campaign_id, {
      select: ["id", "name", "instructions", "send_starts_at", "send_ends_at", "coupon_id", "per_contact_limit"],
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

    const contacts = input.contacts ?? []
    const customerIds = input.customer_ids ?? contacts.map((c) => c.customer_id).filter((id): id is string => !!id)
    if (input.customer_ids) {
      const duplicates = [...new Set(customerIds.filter((id, i) => customerIds.indexOf(id) !== i))]
      if (duplicates.length) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Customers listed more than once: ${list(duplicates)}.`)
      }
    } else {
      const seen = new Set<string>()
      const duplicates: string[] = []
      for (const c of contacts) {
        if (seen.has(contactKey(c))) duplicates.push(`${c.channel}:${c.contact_id}`)
        seen.add(contactKey(c))
      }
      if (duplicates.length) {
        throw refuse("invalid_data", `Contacts listed more than once: ${list([...new Set(duplicates)])}; nothing was sent.`, {
          field: "contacts",
          duplicates: [...new Set(duplicates)],
        })
      }
    }
    const distinctCustomers = [...new Set(customerIds)]
    const [{ data: customers }, blocked] = distinctCustomers.length
      ? await Promise.all([
          query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: distinctCustomers } }),
          couponService.listCouponBlocklistEntries({ customer_id: distinctCustomers }, { select: ["customer_id"] }),
        ])
      : [{ data: [] as any[] }, [] as { customer_id: string }[]]
    const emails = new Map<string, string | null>(customers.map((c: any) => [c.id, c.email]))
    const unknown = distinctCustomers.filter((id) => !emails.has(id))
    if (unknown.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customers not found: ${list(unknown)}; nothing was sent.`)
    }
    const blockedIds = new Set(blocked.map((b) => b.customer_id))

    const plan: CampaignSendPlan = {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        instructions: campaign.instructions ?? null,
        per_contact_limit: campaign.per_contact_limit,
      },
      recipients: [],
      reuse_open_links: !input.customer_ids,
      skipped: [],
      notified_channels: [],
      sent_at: now,
      coupon_page_base_url: input.coupon_page_base_url,
    }
    if (input.customer_ids) {
      for (const customer_id of customerIds) {
        const email = emails.get(customer_id)
        if (blockedIds.has(customer_id)) {
          plan.skipped.push({ customer_id, reason: "The customer is blocked from coupons." })
        } else if (!email) {
          plan.skipped.push({ customer_id, reason: "The customer has no e-mail address." })
        } else {
          plan.recipients.push({ channel: CUSTOMER_CHANNEL, contact_id: email, contact_name: null, customer_id })
        }
      }
    } else {
      for (const c of contacts) {
        if (c.customer_id && blockedIds.has(c.customer_id)) {
          plan.skipped.push({
            channel: c.channel,
            contact_id: c.contact_id,
            reason: `The contact's customer ${c.customer_id} is blocked from coupons.`,
          })
        } else {
          plan.recipients.push({
            channel: c.channel,
            contact_id: c.contact_id,
            contact_name: c.name ?? null,
            customer_id: c.customer_id ?? null,
          })
        }
      }
    }
    plan.notified_channels = await channelsWithProvider(container, [...new Set(plan.recipients.map((r) => r.channel))])
    return new StepResponse(plan)
  }
)
