import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { couponPageUrl } from "../../../modules/coupon/lib/campaign"
import { createCampaignRecipientsStep } from "../steps/create-campaign-recipients"
import { CAMPAIGN_RECIPIENT_RESOURCE, notifyCampaignRecipientsStep } from "../steps/notify-campaign-recipients"
import { prepareCampaignSendStep, SendCampaignInput } from "../steps/prepare-campaign-send"

export type { SendCampaignInput } from "../steps/prepare-campaign-send"

/** The notification template a merchant's e-mail (or chat) provider renders. */
export const CAMPAIGN_NOTIFICATION_TEMPLATE = "coupon-campaign"

/**
 * Sends a campaign's coupon (docs/rules.md §5) to store customers or to
 * contacts on any channel: one recipient with an unguessable page token
 * each (for contacts: the contact's link not redeemed yet, if any, instead
 * of a new one), then one notification per new recipient through Medusa's
 * Notification module on the recipient's channel (`to` the contact id —
 * a customer's e-mail address —, template `coupon-campaign`, data
 * `{ campaign_name, coupon_url, instructions }`) when a provider serves
 * that channel; otherwise the link is only returned. Notifications go last
 * because they cannot be taken back; a provider that fails does not undo
 * the send (see notifyCampaignRecipientsStep). Returns the recipients with
 * their notification's status, and the contacts skipped, with why.
 */
export const sendCampaignWorkflow = createWorkflow("send-coupon-campaign", (input: SendCampaignInput) => {
  const plan = prepareCampaignSendStep(input)
  const recipients = createCampaignRecipientsStep(plan)
  const notifications = transform({ plan, recipients }, ({ plan, recipients }) =>
    recipients
      .filter((recipient) => recipient.created && plan.notified_channels.includes(recipient.channel))
      .map((recipient) => ({
        to: recipient.contact_id,
        channel: recipient.channel,
        template: CAMPAIGN_NOTIFICATION_TEMPLATE,
        data: {
          campaign_name: plan.campaign.name,
          coupon_url: couponPageUrl(plan.coupon_page_base_url, recipient.token),
          instructions: plan.campaign.instructions,
        },
        trigger_type: "coupon_campaign.sent",
        resource_id: recipient.id,
        resource_type: CAMPAIGN_RECIPIENT_RESOURCE,
        receiver_id: recipient.customer_id ?? undefined,
        idempotency_key: `coupon-campaign-recipient-${recipient.id}`,
      }))
  )
  const statuses = notifyCampaignRecipientsStep(notifications)
  emitEventStep({
    eventName: CouponEvents.CAMPAIGN_COUPON_SENT,
    data: transform({ plan, recipients }, ({ plan, recipients }) =>
      recipients
        .filter((r) => r.created)
        .map((r) => ({
          id: r.id,
          campaign_id: plan.campaign.id,
          channel: r.channel,
          contact_id: r.contact_id,
          customer_id: r.customer_id,
          sent_at: r.sent_at,
        }))
    ),
  }).config({ name: "emit-campaign-coupons-sent" })
  const result = transform({ plan, recipients, statuses }, ({ plan, recipients, statuses }) => ({
    recipients: recipients.map((recipient) => ({ ...recipient, notification_status: statuses[recipient.id] ?? null })),
    skipped: plan.skipped,
  }))
  return new WorkflowResponse(result)
})
