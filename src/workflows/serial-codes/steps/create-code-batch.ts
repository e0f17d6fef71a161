import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * A pending generation batch, its codes written in the background; the
 * admin's request is recorded in the audit trail in the same transaction.
 */
export const createCodeBatchStep = createStep(
  "create-code-batch",
  async (input: { coupon_id: string; requested: number; prefix: string; length: number; actor_id?: string | null }, { container }) => {
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: batch, audit_ids } = await coupons.auditedChange(async (ctx) => {
      const created = await coupons.createCouponCodeBatches(
        {
          coupon_id: input.coupon_id,
          source: "generate",
          status: "pending",
          requested: input.requested,
          created: 0,
          prefix: input.prefix || null,
          length: input.length,
        },
        ctx
      )
      // Read back once written, with the columns the database fills in (created_at, …).
      await coupons.flushChange(ctx)
      const batch = await coupons.retrieveCouponCodeBatch(created.id, {}, ctx)
      return {
        result: batch,
        audit: [{
          resource_type: "coupon" as const,
          resource_id: input.coupon_id,
          coupon_id: input.coupon_id,
          action: "codes_requested",
          actor_id: input.actor_id,
          changes: {
            batch_id: { before: null, after: batch.id },
            quantity: { before: null, after: input.requested },
            prefix: { before: null, after: batch.prefix ?? null },
            length: { before: null, after: batch.length ?? null },
          },
        }],
      }
    })
    return new StepResponse(batch, { id: batch.id, audit_ids })
  },
  async (undo, { container }) => {
    if (!undo) return
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    await coupons.undoAuditedChange(undo.audit_ids, (ctx) => coupons.discardCodeBatch(undo.id, ctx))
  }
)
