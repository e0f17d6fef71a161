import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { changedFields, COUPON_AUDIT_FIELDS } from "../../../modules/coupon/lib/audit"
import { recordAuditEntriesStep } from "../../audit/steps/record-audit-entries"
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
    const created = createCouponsStep(coupons)
    recordAuditEntriesStep(
      transform({ created, input }, ({ created, input }) =>
        created.map((coupon: any) => ({
          resource_type: "coupon" as const,
          resource_id: coupon.id,
          coupon_id: coupon.id,
          action: "created",
          actor_id: input.actor_id,
          changes: changedFields(null, coupon, COUPON_AUDIT_FIELDS),
        }))
      )
    )
    emitEventStep({
      eventName: CouponEvents.COUPON_CREATED,
      data: transform({ created, input }, ({ created, input }) =>
        created.map((coupon: any) => ({ id: coupon.id, code: coupon.code ?? null, title: coupon.title, actor_id: input.actor_id ?? null }))
      ),
    })
    return new WorkflowResponse(created)
  }
)
