import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { changedFields, COUPON_AUDIT_FIELDS } from "../../../modules/coupon/lib/audit"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Soft-deletes coupons (their codes go with them, so the codes are free
 * again) and records what each was, in one transaction; redemptions and
 * wallet entries keep pointing at the row for history. Answers the coupons
 * as they were.
 */
export const deleteCouponsStep = createStep(
  "delete-coupons",
  async (input: { ids: string[]; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: before, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const before = await couponService.listCoupons({ id: input.ids }, { select: ["id", ...COUPON_AUDIT_FIELDS] as any }, ctx)
      if (before.length) await couponService.softDeleteCoupons(before.map((c) => c.id), {}, ctx)
      return {
        result: before,
        audit: before.map((coupon) => ({
          resource_type: "coupon" as const,
          resource_id: coupon.id,
          coupon_id: coupon.id,
          action: "deleted",
          actor_id: input.actor_id,
          changes: changedFields(coupon as any, null, COUPON_AUDIT_FIELDS),
        })),
      }
    })
    return new StepResponse(before, { ids: before.map((c) => c.id), audit_ids })
  },
  async (undo, { container }) => {
    if (!undo?.ids.length) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) => couponService.restoreCoupons(undo.ids, {}, ctx))
  }
)
