import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { changedFields, COUPON_AUDIT_FIELDS } from "../../../modules/coupon/lib/audit"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Updates one coupon and records the fields it changed (before → after) in
 * the same transaction; the compensation writes the fields back and removes
 * the entry.
 */
export const updateCouponStep = createStep(
  "update-coupon",
  async (input: { id: string; update: Record<string, unknown>; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const fields = Object.keys(input.update)
    const { result, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const before = await couponService.retrieveCoupon(input.id, { select: ["id", ...new Set([...fields, ...COUPON_AUDIT_FIELDS])] as any }, ctx)
      const updated = await couponService.updateCoupons({ id: input.id, ...input.update } as any, ctx)
      const changes = changedFields(before as any, updated as any, fields)
      return {
        result: { updated, changes, previous: Object.fromEntries(["id", ...fields].map((f) => [f, (before as any)[f]])) },
        audit: [{ resource_type: "coupon" as const, resource_id: input.id, coupon_id: input.id, action: "updated", actor_id: input.actor_id, changes }],
      }
    })
    return new StepResponse({ coupon: result.updated, changed_fields: Object.keys(result.changes) }, { previous: result.previous, audit_ids })
  },
  async (undo, { container }) => {
    if (!undo) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) => couponService.updateCoupons(undo.previous as any, ctx))
  }
)
