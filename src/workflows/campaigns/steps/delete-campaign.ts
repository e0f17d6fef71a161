import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { CAMPAIGN_AUDIT_FIELDS, changedFields } from "../../../modules/coupon/lib/audit"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Soft-deletes a campaign and its recipients, so its coupon page links stop
 * working (404), and records what the campaign was, in one transaction;
 * wallet entries already redeemed stay in their wallets. The compensation
 * restores both and removes the entry.
 */
export const deleteCampaignStep = createStep(
  "delete-coupon-campaign",
  async (input: { id: string; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: recipientIds, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const before = await couponService.retrieveCouponCampaign(input.id, { select: ["id", ...CAMPAIGN_AUDIT_FIELDS] as any }, ctx)
      const recipients = await couponService.listCouponCampaignRecipients({ campaign_id: input.id }, { select: ["id"] }, ctx)
      const recipientIds = recipients.map((r) => r.id)
      if (recipientIds.length) await couponService.softDeleteCouponCampaignRecipients(recipientIds, {}, ctx)
      await couponService.softDeleteCouponCampaigns([input.id], {}, ctx)
      return {
        result: recipientIds,
        audit: [{
          resource_type: "campaign" as const,
          resource_id: input.id,
          coupon_id: ((before as any).coupon_id ?? null) as string | null,
          action: "deleted",
          actor_id: input.actor_id,
          changes: changedFields(before as any, null, CAMPAIGN_AUDIT_FIELDS),
        }],
      }
    })
    return new StepResponse(void 0, { id: input.id, recipientIds, audit_ids })
  },
  async (deleted, { container }) => {
    if (!deleted) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(deleted.audit_ids, async (ctx) => {
      await couponService.restoreCouponCampaigns([deleted.id], {}, ctx)
      if (deleted.recipientIds.length) await couponService.restoreCouponCampaignRecipients(deleted.recipientIds, {}, ctx)
    })
  }
)
