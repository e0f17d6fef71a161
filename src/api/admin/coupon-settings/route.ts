import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { updateCouponSettingsWorkflow } from "../../../workflows/settings/workflows/update-coupon-settings"
import type { AdminUpdateCouponSettingsType } from "./validators"

const present = ({ id, enabled, plan, expiring_soon_days, payment_hold_minutes, excluded_product_kinds, allowed_order_types, restore_usage_on_cancel }: any) => ({
  id,
  enabled,
  plan,
  expiring_soon_days,
  payment_hold_minutes,
  excluded_product_kinds,
  allowed_order_types,
  restore_usage_on_cancel,
})

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  res.json({ settings: present(await couponService.getSettings()) })
}

export async function POST(
  req: AuthenticatedMedusaRequest<AdminUpdateCouponSettingsType>,
  res: MedusaResponse
) {
  const { result } = await updateCouponSettingsWorkflow(req.scope).run({
    input: { ...req.validatedBody, actor_id: req.auth_context.actor_id },
  })
  res.json({ settings: present(result) })
}
