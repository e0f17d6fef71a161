import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { changedFields, COUPON_AUDIT_FIELDS } from "../../../modules/coupon/lib/audit"
import type CouponModuleService from "../../../modules/coupon/service"

/** Creates coupons and their "created" audit entries in one transaction; the compensation removes both. */
export const createCouponsStep = createStep(
  "create-coupons",
  async (input: { coupons: Record<string, unknown>[]; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: coupons, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const created = await couponService.createCoupons(input.coupons as any, ctx)
      // Read back once written, with the columns the database fills in (defaults), in the order given.
      await couponService.flushChange(ctx)
      const byId = new Map((await couponService.listCoupons({ id: created.map((c) => c.id) }, {}, ctx)).map((c) => [c.id, c]))
      const coupons = created.map((c) => byId.get(c.id)!)
      return {
        result: coupons,
        audit: coupons.map((coupon) => ({
          resource_type: "coupon" as const,
          resource_id: coupon.id,
          coupon_id: coupon.id,
          action: "created",
          actor_id: input.actor_id,
          changes: changedFields(null, coupon as any, COUPON_AUDIT_FIELDS),
        })),
      }
    })
    return new StepResponse(coupons, { ids: coupons.map((c) => c.id), audit_ids })
  },
  async (undo, { container }) => {
    if (!undo?.ids.length) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) => couponService.deleteCoupons(undo.ids, ctx))
  }
)
