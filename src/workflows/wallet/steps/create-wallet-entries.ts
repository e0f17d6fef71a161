import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { WalletCodeAssignment } from "./reserve-wallet-codes"
import type { WalletGrantPlan } from "./validate-wallet-grant"

/**
 * Writes one wallet entry per customer; an admin's grant (source `admin`)
 * records its "assigned" audit entry in the same transaction (a shopper's
 * claim or a campaign is not an admin change). The compensation removes both.
 */
export const createWalletEntriesStep = createStep(
  "create-wallet-entries",
  async (input: { plan: WalletGrantPlan; assignments: WalletCodeAssignment[]; actor_id?: string | null }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { plan } = input
    const { result: entries, audit_ids } = await couponService.auditedChange(async (ctx) => {
      const created = await couponService.createCouponWalletEntries(
        input.assignments.map((a) => ({
          coupon_id: plan.coupon_id,
          customer_id: a.customer_id,
          code: a.code,
          coupon_code_id: a.coupon_code_id,
          source: plan.source,
          campaign_id: plan.campaign_id,
          state: "available" as const,
          received_at: plan.received_at,
          expires_at: plan.expires_at,
        })),
        ctx
      )
      // Read back once written, with the columns the database fills in, in the order of the customers.
      await couponService.flushChange(ctx)
      const byId = new Map((await couponService.listCouponWalletEntries({ id: created.map((e) => e.id) }, {}, ctx)).map((e) => [e.id, e]))
      const entries = created.map((e) => byId.get(e.id)!)
      const audit =
        plan.source === "admin"
          ? [{
              resource_type: "coupon" as const,
              resource_id: plan.coupon_id,
              coupon_id: plan.coupon_id,
              action: "assigned",
              actor_id: input.actor_id,
              changes: { customer_ids: { before: null, after: entries.map((e) => e.customer_id) } },
            }]
          : []
      return { result: entries, audit }
    })
    return new StepResponse(entries, { ids: entries.map((e) => e.id), audit_ids })
  },
  async (undo, { container }) => {
    if (!undo?.ids.length) return
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    await couponService.undoAuditedChange(undo.audit_ids, (ctx) => couponService.deleteCouponWalletEntries(undo.ids, ctx))
  }
)
