import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { createCouponsStep } from "../steps/create-coupons"
import { validateCouponDefinitionsStep } from "../steps/validate-coupon-definitions"
import { normalizeCouponInput } from "../normalize"
import type { CouponDefinition } from "../../../modules/coupon/lib/coupon-definition"

export type CreateCouponInput = CouponDefinition & {
  code?: string | null
  title: string
  [field: string]: unknown
}

/** `actor_id`: the admin user making the change, for the audit trail (none for scripts). */
export const createCouponsWorkflow = createWorkflow(
  "create-coupons",
  (input: { coupons: CreateCouponInput[]; actor_id?: string | null }) => {
    const coupons = transform({ input }, ({ input }) => input.coupons.map(normalizeCouponInput))
    const toValidate = transform({ coupons }, ({ coupons }) => ({
      coupons: coupons.map((values) => ({ values })),
    }))
    validateCouponDefinitionsStep(toValidate)
    // The coupons and their audit entries in one transaction (docs/rules.md §7.4).
    const created = createCouponsStep(transform({ coupons, input }, ({ coupons, input }) => ({ coupons, actor_id: input.actor_id })))
    emitEventStep({
      eventName: CouponEvents.COUPON_CREATED,
      data: transform({ created, input }, ({ created, input }) =>
        created.map((coupon: any) => ({ id: coupon.id, code: coupon.code ?? null, title: coupon.title, actor_id: input.actor_id ?? null }))
      ),
    })
    return new WorkflowResponse(created)
  }
)
