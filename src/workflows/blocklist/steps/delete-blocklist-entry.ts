import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { changedFields } from "../../../modules/coupon/lib/audit"
import type CouponModuleService from "../../../modules/coupon/service"

/** Lifts a customer's block and records the "unblocked" audit entry in the same transaction. */
export const deleteBlocklistEntryStep = createStep(
  "delete-coupon-blocklist-entry",
  async (input: { customer_id: string; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { result: id, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const [entry] = await couponService.listCouponBlocklistEntries({ customer_id: input.customer_id }, {}, ctx)
      if (!entry) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${input.customer_id} is not on the coupon blocklist.`)
      }
      await couponService.softDeleteCouponBlocklistEntries(entry.id, {}, ctx)
      return {
        result: entry.id,
        audit: [{
          resource_type: "blocklist" as const,
          resource_id: input.customer_id,
          action: "unblocked",
          actor_id: input.actor_id,
          changes: changedFields(entry as any, null, ["reason"]),
        }],
      }
    })
    return new StepResponse(void 0, { id, audit_ids })
  },
  async (undo, { container }) => {
    if (!undo) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) => couponService.restoreCouponBlocklistEntries(undo.id, {}, ctx))
  }
)
