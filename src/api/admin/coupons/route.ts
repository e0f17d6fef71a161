import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCouponsWorkflow } from "../../../workflows/coupons/workflows/create-coupons"
import { couponStatusFilter } from "../../../modules/coupon/lib/coupon-status"
import { presentCoupon } from "./query-config"
import type { AdminCreateCouponType, AdminGetCouponsParamsType } from "./validators"

export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminGetCouponsParamsType>,
  res: MedusaResponse
) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { q, status } = req.validatedQuery
  const now = new Date()
  const conditions: Record<string, unknown>[] = []
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push({ $or: [{ code: { $ilike: like } }, { title: { $ilike: like } }] })
  }
  if (status) {
    conditions.push(couponStatusFilter(status, now))
  }

  const { data: coupons, metadata } = await query.graph({
    entity: "coupon",
    fields: req.queryConfig.fields,
    filters: conditions.length ? { $and: conditions } : {},
    pagination: req.queryConfig.pagination,
  })

  res.json({
    coupons: coupons.map((c) => presentCoupon(c, now)),
    count: metadata!.count,
    limit: metadata!.take,
    offset: metadata!.skip,
  })
}

export async function POST(
  req: AuthenticatedMedusaRequest<AdminCreateCouponType>,
  res: MedusaResponse
) {
  const { result } = await createCouponsWorkflow(req.scope).run({
    input: { coupons: [req.validatedBody as any], actor_id: req.auth_context.actor_id },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [coupon],
  } = await query.graph({
    entity: "coupon",
    fields: req.queryConfig.fields,
    filters: { id: result[0].id },
  })
  res.status(200).json({ coupon: presentCoupon(coupon) })
}
