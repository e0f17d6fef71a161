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
 * One recipient (status `sent`) per contact, each with its own page token,
 * and the campaign's "sent" audit entry (who sent it to whom), in one
 * transaction; the compensation removes both.
 */
export const createCampaignRecipientsStep = createStep(
  "create-coupon-campaign-recipients",
  async (plan: CampaignSendPlan, { container }) => {
    if (!plan.contacts.length) return new StepResponse([], { ids: [] as string[], audit_ids: [] as string[] })
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: recipients, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const created = await couponService.createCouponCampaignRecipients(
        plan.contacts.map((c) => ({
          campaign_id: plan.campaign.id,
          customer_id: c.customer_id,
          token: newRecipientToken(),
          status: "sent" as const,
          sent_at: plan.sent_at,
        })),
        ctx
      )
      // Read back once written, with the columns the database fills in, in the order of the contacts.
      await couponService.flushChange(ctx)
      const byId = new Map((await couponService.listCouponCampaignRecipients({ id: created.map((r) => r.id) }, {}, ctx)).map((r) => [r.id, r]))
      return { result: created.map((r) => byId.get(r.id)!), audit: [{
        resource_type: "campaign" as const,
        resource_id: plan.campaign.id,
        coupon_id: plan.campaign.coupon_id,
        action: "sent",
        actor_id: plan.actor_id,
        changes: { customer_ids: { before: null, after: plan.contacts.map((c) => c.customer_id) } },
      }] }
    })
    return new StepResponse(recipients, { ids: recipients.map((r) => r.id), audit_ids })
  },
  async (undo, { container }) => {
    if (!undo?.ids.length) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) => couponService.deleteCouponCampaignRecipients(undo.ids, ctx))
  }
)
