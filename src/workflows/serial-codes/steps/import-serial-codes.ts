import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createReadStream } from "node:fs"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Imports the CSV file saved at `file_path` (the upload, at most 10 MB),
 * streamed from disk into PostgreSQL: all its codes in one `done` batch, or
 * nothing and a 400 naming the rows at fault. The import's audit entry is
 * written in the same transaction.
 */
export const importSerialCodesStep = createStep(
  "import-serial-codes",
  async (input: { coupon_id: string; file_path: string; actor_id?: string | null }, { container }) => {
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: batch, audit_ids } = await coupons.auditedChange(async (ctx) => {
      const batch = await coupons.importCodes({ coupon_id: input.coupon_id, open: () => createReadStream(input.file_path) }, ctx)
      return {
        result: batch,
        audit: [{
          resource_type: "coupon" as const,
          resource_id: input.coupon_id,
          coupon_id: input.coupon_id,
          action: "codes_imported",
          actor_id: input.actor_id,
          changes: { batch_id: { before: null, after: batch.id }, quantity: { before: null, after: batch.created } },
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
