import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../modules/coupon"
import type CouponModuleService from "../modules/coupon/service"
import { orderCouponRefundView } from "../workflows/orders/order-coupon"

/**
 * Once everything a coupon order paid has been refunded, the redemption says
 * so; the use is given back only when the settings ask for it.
 */
export default async function settleCouponOnFullRefund({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({ entity: "payment", fields: ["payment_collection.order.id"], filters: { id: event.data.id } })
  const orderId = (payment as any)?.payment_collection?.order?.id
  if (!orderId) return
  const view = await orderCouponRefundView(container, orderId)
  if (!view || view.refundable > 0) return
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  const { restore_usage_on_cancel } = await couponService.getSettings()
  await couponService.settleOrderRedemption(orderId, "refunded", restore_usage_on_cancel)
}

export const config: SubscriberConfig = { event: "payment.refunded" }
