import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { deleteCouponsStep } from "../steps/delete-coupons"
import { withdrawCouponCodesStep } from "../steps/withdraw-coupon-codes"

export const deleteCouponsWorkflow = createWorkflow(
  "delete-coupons",
  (input: { ids: string[]; actor_id?: string | null }) => {
    // The coupons and their audit entries in one transaction (docs/rules.md §7.4); `before`: what they were.
    const before = deleteCouponsStep(input)
    withdrawCouponCodesStep(input.ids)
    emitEventStep({
      eventName: CouponEvents.COUPON_DELETED,
      data: transform({ before, input }, ({ before, input }) =>
        before.map((coupon: any) => ({ id: coupon.id, code: coupon.code ?? null, actor_id: input.actor_id ?? null }))
      ),
    })
    return new WorkflowResponse(input.ids)
  }
)
