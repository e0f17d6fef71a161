import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../modules/coupon"
import type CouponModuleService from "../modules/coupon/service"

/** The order exists: the use held at completion is now spent by it. */
export default async function markCouponRedeemed({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // The order-cart link alone (as Medusa's completion reads it): every order pays this.
  const {
    data: [link],
  } = await query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id: event.data.id } })
  if (!link?.cart_id) return
  await container.resolve<CouponModuleService>(COUPON_MODULE).markRedeemed(link.cart_id, event.data.id)
}

export const config: SubscriberConfig = { event: "order.placed" }
