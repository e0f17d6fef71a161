import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { CAMPAIGN_AUDIT_FIELDS, changedFields } from "../../../modules/coupon/lib/audit"
import type CouponModuleService from "../../../modules/coupon/service"
import type { CampaignValues } from "./validate-campaign-definition"

/** Creates one campaign and its "created" audit entry in one transaction; the compensation removes both. */
export const createCampaignStep = createStep(
  "create-coupon-campaign",
  async (input: { values: CampaignValues; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: campaign, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const created = await couponService.createCouponCampaigns(input.values as any, ctx)
      // Read back once written, with the columns the database fills in (defaults).
      await couponService.flushChange(ctx)
      const campaign = await couponService.retrieveCouponCampaign(created.id, {}, ctx)
      return {
        result: campaign,
        audit: [{
          resource_type: "campaign" as const,
          resource_id: campaign.id,
          coupon_id: (campaign as any).coupon_id ?? null,
          action: "created",
          actor_id: input.actor_id,
          changes: changedFields(null, campaign as any, CAMPAIGN_AUDIT_FIELDS),
        }],
      }
    })
    return new StepResponse(campaign, { id: campaign.id, audit_ids })
  },
  async (undo, { container }) => {
    if (!undo) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) => couponService.deleteCouponCampaigns(undo.id, ctx))
  }
)
