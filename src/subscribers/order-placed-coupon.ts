import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../modules/coupon"
import type CouponModuleService from "../modules/coupon/service"

/** The order exists: the use held at completion is now spent by it. */
export default async function markCouponRedeemed({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "cart.id"], filters: { id: event.data.id } })
  const cartId = (order as any)?.cart?.id
  if (!cartId) return
  await container.resolve<CouponModuleService>(COUPON_MODULE).markRedeemed(cartId, order.id)
}

export const config: SubscriberConfig = { event: "order.placed" }
