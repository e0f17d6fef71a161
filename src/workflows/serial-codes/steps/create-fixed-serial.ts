import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/** One serial code usable `max_uses` times, in a batch of its own, and its audit entry, in one transaction. */
export const createFixedSerialStep = createStep(
  "create-fixed-serial",
  async (input: { coupon_id: string; code: string; max_uses: number; actor_id?: string | null }, { container }) => {
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: created, audit_ids } = await coupons.auditedChange(async (ctx) => ({
      result: await coupons.addFixedSerial({ coupon_id: input.coupon_id, code: input.code, max_uses: input.max_uses }, ctx),
      audit: [{
        resource_type: "coupon" as const,
        resource_id: input.coupon_id,
        coupon_id: input.coupon_id,
        action: "fixed_serial_created",
        actor_id: input.actor_id,
        changes: { code: { before: null, after: input.code }, max_uses: { before: null, after: input.max_uses } },
      }],
    }))
    return new StepResponse(created, { id: created.batch.id, audit_ids })
  },
  async (undo, { container }) => {
    if (!undo) return
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    await coupons.undoAuditedChange(undo.audit_ids, (ctx) => coupons.discardCodeBatch(undo.id, ctx))
  }
)
