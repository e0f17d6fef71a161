import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { COUPON_MODULE } from "../modules/coupon"
import type CouponModuleService from "../modules/coupon/service"

/** A canceled order keeps its coupon use unless the settings give it back. */
export default async function settleCouponOnCancel({ event, container }: SubscriberArgs<{ id: string }>) {
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  const { restore_usage_on_cancel } = await couponService.getSettings()
  await couponService.settleOrderRedemption(event.data.id, "canceled", restore_usage_on_cancel)
}

export const config: SubscriberConfig = { event: "order.canceled" }
