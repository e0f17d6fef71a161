import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { blockCustomerFromCouponsWorkflow } from "../../../workflows/blocklist/workflows/block-customer"
import type { AdminCreateBlocklistEntryType } from "./validators"

export async function GET(
  req: AuthenticatedMedusaRequest<unknown, { customer_id?: string }>,
  res: MedusaResponse
) {
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  const { customer_id } = req.validatedQuery
  const [entries, count] = await couponService.listAndCountCouponBlocklistEntries(
    customer_id ? { customer_id } : {},
    { skip: req.queryConfig.pagination.skip, take: req.queryConfig.pagination.take, order: { created_at: "DESC" } }
  )
  res.json({
    entries,
    count,
    limit: req.queryConfig.pagination.take,
    offset: req.queryConfig.pagination.skip,
  })
}

export async function POST(
  req: AuthenticatedMedusaRequest<AdminCreateBlocklistEntryType>,
  res: MedusaResponse
) {
  const { result } = await blockCustomerFromCouponsWorkflow(req.scope).run({
    input: { ...req.validatedBody, actor_id: req.auth_context.actor_id },
  })
  res.json({ entry: result })
}
