import type { MedusaContainer } from "@medusajs/framework/types"
import { getOrderDetailWorkflow } from "@medusajs/medusa/core-flows"
import { COUPON_MODULE } from "../../modules/coupon"
import type CouponModuleService from "../../modules/coupon/service"
import { toMajorUnits, toMinorUnits } from "../../modules/coupon/lib/money"
import { COUPON_ADJUSTMENT_PROVIDER, couponAdjustmentDescription } from "../carts/coupon-adjustments"
import { refundableAmount, sumMinorUnits } from "../../modules/coupon/lib/refund"

const ORDER_FIELDS = [
  "id",
  "currency_code",
  // Asking for order totals makes the order module compute line totals.
  "total",
  "item_total",
  // Whole items: Medusa computes line totals (refundable_total included)
  // only from the complete item with its adjustments and tax lines.
  "items.*",
  "items.adjustments.*",
  "items.adjustments.provider_id",
  "items.tax_lines.*",
  "items.detail.*",
  "payment_collections.payments.id",
  "payment_collections.payments.captures.amount",
  "payment_collections.payments.refunds.amount",
]

/**
 * Order versions after the first (any fulfillment, return or edit) copy
 * adjustments without their provider_id; the description survives.
 */
const isCouponAdjustment = (adjustment: any, code: string) =>
  adjustment.provider_id === COUPON_ADJUSTMENT_PROVIDER || adjustment.description === couponAdjustmentDescription(code)

/**
 * What a coupon order was paid and can still give back (docs/rules.md §6): per
 * line the price, the coupon's share, what was paid for it, what returns have
 * made owed back so far and what is still refundable; per order what was
 * captured, refunded and is still refundable. Null for an order without a
 * coupon.
 */
export async function orderCouponRefundView(container: MedusaContainer, orderId: string) {
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  const [redemption] = await couponService.listCouponRedemptions(
    { order_id: orderId },
    { order: { created_at: "DESC" }, take: 1 }
  )
  if (!redemption) return null

  // Medusa's own order read, which computes item totals and refundable totals.
  const { result } = await getOrderDetailWorkflow(container).run({
    input: { order_id: orderId, fields: ORDER_FIELDS },
  })
  // Totals come as BigNumber objects; read them as the API would show them.
  const order = JSON.parse(JSON.stringify(result))
  const currency: string = order.currency_code
  const major = (minor: number) => toMajorUnits(minor, currency)

  const lines = (order.items ?? []).map((item: any) => {
    const share = sumMinorUnits(
      (item.adjustments ?? []).filter((a: any) => isCouponAdjustment(a, redemption.code)).map((a: any) => a.amount),
      currency
    )
    // Medusa's line totals cover the units still kept; returned units are
    // in the return_* totals, so what the line paid is their sum.
    const refundable = toMinorUnits(Number(item.refundable_total ?? 0), currency)
    const returned = sumMinorUnits(
      [item.return_requested_total, item.return_received_total, item.return_dismissed_total, item.write_off_total],
      currency
    )
    const paid = refundable + returned
    return {
      item_id: item.id,
      title: item.title,
      quantity: Number(item.quantity),
      unit_price: Number(item.unit_price),
      subtotal: major(toMinorUnits(Number(item.unit_price), currency) * Number(item.quantity)),
      coupon_share: major(share),
      paid: major(paid),
      returned_quantity:
        Number(item.detail?.return_requested_quantity ?? 0) + Number(item.detail?.return_received_quantity ?? 0),
      refunded: major(returned),
      refundable: major(refundable),
    }
  })

  const payments = (order.payment_collections ?? []).flatMap((c: any) => c.payments ?? [])
  const captured = sumMinorUnits(payments.flatMap((p: any) => (p.captures ?? []).map((c: any) => c.amount)), currency)
  const refunded = sumMinorUnits(payments.flatMap((p: any) => (p.refunds ?? []).map((r: any) => r.amount)), currency)

  return {
    id: redemption.id,
    coupon_id: redemption.coupon_id,
    code: redemption.code,
    status: redemption.status,
    customer_id: redemption.customer_id,
    currency_code: currency,
    discount_total: Number(redemption.discount_total),
    lines,
    paid: major(captured),
    refunded: major(refunded),
    refundable: major(refundableAmount(captured, refunded)),
  }
}
