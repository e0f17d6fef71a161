import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { changedFields, COUPON_AUDIT_FIELDS } from "../../../modules/coupon/lib/audit"
import { recordAuditEntriesStep } from "../../audit/steps/record-audit-entries"
import { deleteCouponsStep } from "../steps/delete-coupons"
import { withdrawCouponCodesStep } from "../steps/withdraw-coupon-codes"

export const deleteCouponsWorkflow = createWorkflow(
  "delete-coupons",
  (input: { ids: string[]; actor_id?: string | null }) => {
    // What the coupons were, for the audit trail.
    const { data: before } = useQueryGraphStep({
      entity: "coupon",
      fields: ["id", ...COUPON_AUDIT_FIELDS],
      filters: { id: input.ids },
    }).config({ name: "read-coupons-before-delete" })
    deleteCouponsStep(input.ids)
    withdrawCouponCodesStep(input.ids)
    recordAuditEntriesStep(
      transform({ before, input }, ({ before, input }) =>
        before.map((coupon: any) => ({
          resource_type: "coupon" as const,
          resource_id: coupon.id,
          coupon_id: coupon.id,
          action: "deleted",
          actor_id: input.actor_id,
          changes: changedFields(coupon, null, COUPON_AUDIT_FIELDS),
        }))
      )
    )
    emitEventStep({
      eventName: CouponEvents.COUPON_DELETED,
      data: transform({ before, input }, ({ before, input }) =>
        before.map((coupon: any) => ({ id: coupon.id, code: coupon.code ?? null, actor_id: input.actor_id ?? null }))
      ),
    })
    return new WorkflowResponse(input.ids)
  }
)
