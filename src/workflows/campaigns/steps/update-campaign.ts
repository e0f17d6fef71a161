import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { CAMPAIGN_AUDIT_FIELDS, changedFields } from "../../../modules/coupon/lib/audit"
import type CouponModuleService from "../../../modules/coupon/service"
import type { CampaignValues } from "./validate-campaign-definition"

/**
 * Updates one campaign and records the fields it changed (before → after) in
 * the same transaction; the compensation writes them back and removes the entry.
 */
export const updateCampaignStep = createStep(
  "update-coupon-campaign",
  async (input: { id: string; update: Partial<CampaignValues>; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const fields = Object.keys(input.update)
    const { result, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const before = await couponService.retrieveCouponCampaign(input.id, { select: ["id", ...new Set([...fields, ...CAMPAIGN_AUDIT_FIELDS])] as any }, ctx)
      const updated = await couponService.updateCouponCampaigns({ id: input.id, ...input.update } as any, ctx)
      return {
        result: { updated, previous: Object.fromEntries(["id", ...fields].map((f) => [f, (before as any)[f]])) },
        audit: [{
          resource_type: "campaign" as const,
          resource_id: input.id,
          coupon_id: ((updated as any).coupon_id ?? (before as any).coupon_id ?? null) as string | null,
          action: "updated",
          actor_id: input.actor_id,
          changes: changedFields(before as any, updated as any, fields.filter((k) => CAMPAIGN_AUDIT_FIELDS.includes(k))),
        }],
      }
    })
    return new StepResponse(result.updated, { previous: result.previous, audit_ids })
  },
  async (undo, { container }) => {
    if (!undo) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) => couponService.updateCouponCampaigns(undo.previous as any, ctx))
  }
)
