import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { changedFields, SETTINGS_AUDIT_FIELDS } from "../../../modules/coupon/lib/audit"
import type CouponModuleService from "../../../modules/coupon/service"
import type { CouponSettingsValues } from "../../../modules/coupon/service"

/** Any of the settings but the id. */
export type UpdateCouponSettingsInput = Partial<Omit<CouponSettingsValues, "id">>

/**
 * Updates the settings and records the fields it changed (before → after) in
 * the same transaction; the compensation writes them back and removes the entry.
 */
export const updateCouponSettingsStep = createStep(
  "update-coupon-settings",
  async (input: { update: UpdateCouponSettingsInput; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const previous = await couponService.getSettings()
    const { result: updated, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const [before] = await couponService.listCouponSettings({ id: previous.id }, {}, ctx)
      const updated = await couponService.updateCouponSettings({ id: previous.id, ...input.update }, ctx)
      return {
        result: updated,
        audit: [{
          resource_type: "settings" as const,
          resource_id: previous.id,
          action: "updated",
          actor_id: input.actor_id,
          changes: changedFields(before as any, updated as any, Object.keys(input.update).filter((k) => SETTINGS_AUDIT_FIELDS.includes(k))),
        }],
      }
    })
    return new StepResponse(updated, { previous, audit_ids })
  },
  async (undo, { container }) => {
    if (!undo) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) => couponService.updateCouponSettings(undo.previous, ctx))
  }
)
