import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { createCouponsStep } from "../steps/create-coupons"
import { validateCouponDefinitionsStep } from "../steps/validate-coupon-definitions"
import { normalizeCouponInput } from "../normalize"
import type { CouponDefinition } from "../../../modules/coupon/lib/coupon-definition"

export type CreateCouponInput = CouponDefinition & {
  code?: string | null
  title: string
  [field: string]: unknown
}

export const createCouponsWorkflow = createWorkflow(
  "create-coupons",
  (input: { coupons: CreateCouponInput[] }) => {
    const coupons = transform({ input }, ({ input }) => input.coupons.map(normalizeCouponInput))
    const toValidate = transform({ coupons }, ({ coupons }) => ({
      coupons: coupons.map((values) => ({ values })),
    }))
    validateCouponDefinitionsStep(toValidate)
    const created = createCouponsStep(coupons)
    return new WorkflowResponse(created)
  }
)
