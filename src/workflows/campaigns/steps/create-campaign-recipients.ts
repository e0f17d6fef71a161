import { randomBytes } from "node:crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { CampaignSendPlan } from "./prepare-campaign-send"

/**
 * 24 random bytes: the coupon page link is the only thing that proves who
 * its holder is, so it must not be guessable (192 bits, 32 URL-safe chars).
 */
export const newRecipientToken = () => randomBytes(24).toString("base64url")

/**
 * One recipient (status `sent`) per contact, each with its own page token —
 * or, for contacts' links on demand, the contact's link not redeemed yet
 * (`created: false`, linked to the customer now named if it had none) —
 * and the campaign's "sent" audit entry (who sent it to whom), in one
 * transaction. The compensation deletes the new ones, undoes the links and
 * removes the entry.
 */
export const createCampaignRecipientsStep = createStep(
  "create-coupon-campaign-recipients",
  async (plan: CampaignSendPlan, { container }) => {
    if (!plan.recipients.length) return new StepResponse([], { created: [] as string[], linked: [] as string[], audit_ids: [] as string[] })
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: recipients, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const recipients = await couponService.issueCampaignRecipients(
        {
          campaign_id: plan.campaign.id,
          per_contact_limit: plan.campaign.per_contact_limit,
          reuse_open_links: plan.reuse_open_links,
          sent_at: plan.sent_at,
          recipients: plan.recipients.map((r) => ({ ...r, token: newRecipientToken() })),
        },
        ctx
      )
      // A link returned again unchanged is no new send.
      const sent = recipients.filter((r) => r.created || r.linked)
      const contacts = sent.filter((r) => !r.customer_id).map((r) => `${r.channel}:${r.contact_id}`)
      const audit = sent.length
        ? [{
            resource_type: "campaign" as const,
            resource_id: plan.campaign.id,
            coupon_id: plan.campaign.coupon_id,
            action: "sent",
            actor_id: plan.actor_id,
            changes: {
              customer_ids: { before: null, after: sent.filter((r) => r.customer_id).map((r) => r.customer_id) },
              ...(contacts.length ? { contacts: { before: null, after: contacts } } : {}),
            },
          }]
        : []
      return { result: recipients, audit }
    })
    return new StepResponse(recipients, {
      created: recipients.filter((r) => r.created).map((r) => r.id),
      linked: recipients.filter((r) => r.linked).map((r) => r.id),
      audit_ids,
    })
  },
  async (undo, { container }) => {
    if (!undo || (!undo.created.length && !undo.linked.length)) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) =>
      couponService.deleteIssuedCampaignRecipients({ created: undo.created, linked: undo.linked }, ctx)
    )
  }
)
