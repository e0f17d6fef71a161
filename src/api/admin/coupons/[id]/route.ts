import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { updateCouponWorkflow } from "../../../../workflows/coupons/workflows/update-coupon"
import { deleteCouponsWorkflow } from "../../../../workflows/coupons/workflows/delete-coupons"
import { presentCoupon } from "../query-config"
import type { AdminUpdateCouponType } from "../validators"

async function retrieveCoupon(req: AuthenticatedMedusaRequest<any>, id: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [coupon],
  } = await query.graph({ entity: "coupon", fields: req.queryConfig.fields, filters: { id } })
  if (!coupon) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Coupon with id ${id} was not found.`)
  }
  return presentCoupon(coupon)
}

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ coupon: await retrieveCoupon(req, req.params.id) })
}

export async function POST(
  req: AuthenticatedMedusaRequest<AdminUpdateCouponType>,
  res: MedusaResponse
) {
  await retrieveCoupon(req, req.params.id)
  await updateCouponWorkflow(req.scope).run({
    input: { id: req.params.id, update: req.validatedBody as Record<string, unknown>, actor_id: req.auth_context.actor_id },
  })
  res.json({ coupon: await retrieveCoupon(req, req.params.id) })
}

export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await retrieveCoupon(req, req.params.id)
  await deleteCouponsWorkflow(req.scope).run({ input: { ids: [req.params.id], actor_id: req.auth_context.actor_id } })
  res.json({ id: req.params.id, object: "coupon", deleted: true })
}
