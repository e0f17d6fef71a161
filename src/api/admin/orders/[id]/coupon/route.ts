import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { orderCouponRefundView } from "../../../../../workflows/orders/order-coupon"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ coupon_redemption: await orderCouponRefundView(req.scope, req.params.id) })
}
