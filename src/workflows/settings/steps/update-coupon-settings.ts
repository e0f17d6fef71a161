import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

export type UpdateCouponSettingsInput = Partial<{
  enabled: boolean
  plan: "basic" | "advanced"
  expiring_soon_days: number
  payment_hold_minutes: number
  excluded_product_kinds: string[]
  allowed_order_types: string[]
  restore_usage_on_cancel: boolean
}>

export const updateCouponSettingsStep = createStep(
  "update-coupon-settings",
  async (input: UpdateCouponSettingsInput, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const previous = await couponService.getSettings()
    const updated = await couponService.updateCouponSettings({ id: previous.id, ...input })
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).updateCouponSettings(previous)
  }
)
