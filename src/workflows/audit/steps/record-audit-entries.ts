import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { AuditChanges } from "../../../modules/coupon/lib/audit"

export type AuditEntryInput = {
  resource_type: "coupon" | "campaign" | "settings" | "blocklist"
  resource_id: string
  coupon_id?: string | null
  action: string
  actor_id?: string | null
  changes: AuditChanges
}

/**
 * Records admin changes (docs/rules.md §7.4) as a step of the workflow that makes
 * them: it runs after the change, and its compensation removes the entries
 * when a later step fails, so the trail holds exactly the changes that stand.
 * An update that changed nothing records nothing.
 */
export const recordAuditEntriesStep = createStep(
  "record-coupon-audit-entries",
  async (entries: AuditEntryInput[], { container }) => {
    const worth = entries.filter((e) => e.action !== "updated" || Object.keys(e.changes).length)
    if (!worth.length) return new StepResponse([], [])
    const created = await container.resolve<CouponModuleService>(COUPON_MODULE).createCouponAuditEntries(
      worth.map((e) => ({ ...e, coupon_id: e.coupon_id ?? null, actor_id: e.actor_id ?? null })) as any
    )
    const ids = created.map((e) => e.id)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).deleteCouponAuditEntries(ids)
  }
)
