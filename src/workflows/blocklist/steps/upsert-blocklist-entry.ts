import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { changedFields } from "../../../modules/coupon/lib/audit"
import type CouponModuleService from "../../../modules/coupon/service"

type Undo = { created?: string; updated?: { id: string; reason: string }; audit_ids: string[] }

/**
 * Blocks a customer, or updates the reason when they already are blocked, so
 * the admin can re-block without unblocking first; the "blocked" audit entry
 * is written in the same transaction.
 */
export const upsertBlocklistEntryStep = createStep(
  "upsert-coupon-blocklist-entry",
  async (input: { customer_id: string; reason: string; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const [existing] = await couponService.listCouponBlocklistEntries({ customer_id: input.customer_id }, {}, ctx)
      const written = existing
        ? await couponService.updateCouponBlocklistEntries({ id: existing.id, reason: input.reason }, ctx)
        : await couponService.createCouponBlocklistEntries({ customer_id: input.customer_id, reason: input.reason }, ctx)
      // Read back once written, with the columns the database fills in (created_at, …).
      await couponService.flushChange(ctx)
      const entry = await couponService.retrieveCouponBlocklistEntry(written.id, {}, ctx)
      const undo: Omit<Undo, "audit_ids"> = existing ? { updated: { id: existing.id, reason: existing.reason } } : { created: entry.id }
      return {
        result: { entry, undo },
        audit: [{
          resource_type: "blocklist" as const,
          resource_id: input.customer_id,
          action: "blocked",
          actor_id: input.actor_id,
          changes: changedFields((existing ?? null) as any, entry as any, ["reason"]),
        }],
      }
    })
    return new StepResponse(result.entry, { ...result.undo, audit_ids } as Undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, async (ctx) => {
      if (undo.created) await couponService.deleteCouponBlocklistEntries(undo.created, ctx)
      if (undo.updated) await couponService.updateCouponBlocklistEntries(undo.updated, ctx)
    })
  }
)
