import type { CreateNotificationDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const CAMPAIGN_RECIPIENT_RESOURCE = "coupon_campaign_recipient"

/**
 * Sends one notification per recipient through Medusa's Notification module
 * and reports each one's status (`success`, `failure`) by recipient id.
 *
 * A provider that fails, or a store with no provider for the channel, does
 * not undo the send: the recipients' links work and can still be shared
 * another way (a chat), and the answer says whose notification failed.
 * Nothing to compensate: a sent message cannot be taken back, which is why
 * this is the workflow's last step (Medusa's own sendNotificationsStep has
 * no compensation either).
 */
export const notifyCampaignRecipientsStep = createStep(
  "notify-coupon-campaign-recipients",
  async (notifications: CreateNotificationDTO[], { container }) => {
    if (!notifications.length) return new StepResponse({} as Record<string, string>)
    const notificationModule = container.resolve(Modules.NOTIFICATION)
    try {
      await notificationModule.createNotifications(notifications)
    } catch {
      // Failed notifications are recorded with status "failure", read below.
    }
    const recorded = await notificationModule.listNotifications(
      { resource_type: CAMPAIGN_RECIPIENT_RESOURCE, resource_id: notifications.map((n) => n.resource_id!) },
      { select: ["resource_id", "status"] }
    )
    const statuses: Record<string, string> = {}
    for (const n of recorded) statuses[n.resource_id!] = n.status
    return new StepResponse(statuses)
  }
)
