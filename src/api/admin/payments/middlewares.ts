import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { formatMoney } from "../../../modules/coupon/lib/evaluate-coupon"
import { toMinorUnits } from "../../../modules/coupon/lib/money"
import { refundableAmount, sumMinorUnits } from "../../../modules/coupon/lib/refund"

/**
 * Medusa's refund route on a coupon order: refuse, before anything is
 * recorded, any amount above what this payment captured and has not yet
 * refunded — the coupon's value is never paid out (docs/rules.md §6).
 */
async function guardCouponOrderRefund(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [payment],
    } = await query.graph({
      entity: "payment",
      fields: ["id", "amount", "currency_code", "captures.amount", "refunds.amount", "payment_collection.order.id"],
      filters: { id: req.params.id },
    })
    const orderId = (payment as any)?.payment_collection?.order?.id
    if (!payment || !orderId) return next()
    const [redemption] = await req.scope
      .resolve<CouponModuleService>(COUPON_MODULE)
      .listCouponRedemptions({ order_id: orderId }, { select: ["id", "code"], take: 1 })
    if (!redemption) return next()

    const currency = payment.currency_code
    const amounts = (rows: any[] | undefined) => (rows ?? []).map((r) => r.amount)
    const captured = sumMinorUnits(amounts(payment.captures as any[]), currency)
    const refunded = sumMinorUnits(amounts(payment.refunds as any[]), currency)
    const refundable = refundableAmount(captured, refunded)
    const requestedRaw = (req.body as any)?.amount ?? payment.amount
    const requested = toMinorUnits(Number(requestedRaw), currency)
    if (requested > refundable) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Refund of ${formatMoney(requested, currency)} is more than this coupon order paid and has not been refunded: ` +
          `${formatMoney(refundable, currency)} can be refunded (paid ${formatMoney(captured, currency)}, ` +
          `refunded ${formatMoney(refunded, currency)}; coupon ${redemption.code}'s discount is never paid out).`
      )
    }
    next()
  } catch (error) {
    next(error)
  }
}

export const adminPaymentRefundRoutesMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/payments/:id/refund", methods: ["POST"], middlewares: [guardCouponOrderRefund] },
]
