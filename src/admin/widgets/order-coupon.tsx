import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Container, Skeleton, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { RedemptionStatusBadge } from "../components/coupon-status-badge"
import { ErrorState, SectionHeader } from "../components/states"
import { formatMoney } from "../lib/format"
import { useOrderCoupon } from "../lib/queries"

/** The order's coupon: its split over the lines and what can still be refunded (only what was paid). */
const OrderCouponWidget = ({ data: order }: { data: { id: string } }) => {
  const { data: view, isLoading, error, refetch } = useOrderCoupon(order.id)

  if (isLoading) {
    return (
      <Container className="flex flex-col gap-y-3 px-6 py-4" aria-busy="true">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="h-16 w-full" />
      </Container>
    )
  }
  if (error) return <ErrorState title="Could not load the order's coupon" error={error} onRetry={() => refetch()} />
  // Orders without a coupon get no section at all.
  if (!view) return null

  const money = (v: number) => formatMoney(v, view.currency_code)
  return (
    <Container className="divide-y p-0" data-testid="order-coupon-widget">
      <SectionHeader
        title="Coupon"
        subtitle={
          <>
            <Link to={`/coupons/${view.coupon_id}`} className="text-ui-fg-interactive font-mono hover:underline">
              {view.code}
            </Link>{" "}
            took {money(view.discount_total)} off, split over the lines below.
          </>
        }
        actions={<RedemptionStatusBadge status={view.status} />}
      />
      <ul className="flex flex-col divide-y" aria-label="Coupon share per line">
        {view.lines.map((line) => (
          <li key={line.item_id} className="flex flex-col gap-y-1 px-6 py-3">
            <div className="flex items-start justify-between gap-x-2">
              <Text size="small" weight="plus">
                {line.title} <span className="text-ui-fg-muted font-normal">× {line.quantity}</span>
                {line.returned_quantity > 0 && <span className="text-ui-fg-muted font-normal"> ({line.returned_quantity} returned)</span>}
              </Text>
              <Text size="small">{money(line.subtotal)}</Text>
            </div>
            <dl className="txt-compact-xsmall text-ui-fg-subtle grid grid-cols-2 gap-x-2">
              <dt>Coupon share</dt>
              <dd className="text-right">{line.coupon_share ? `−${money(line.coupon_share)}` : "-"}</dd>
              <dt>Paid</dt>
              <dd className="text-right">{money(line.paid)}</dd>
              <dt>Refunded</dt>
              <dd className="text-right">{money(line.refunded)}</dd>
              <dt>Refundable</dt>
              <dd className="text-ui-fg-base text-right">{money(line.refundable)}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Amount label="Captured" value={money(view.paid)} />
        <Amount label="Refunded" value={money(view.refunded)} />
        <Amount label="Still refundable" value={money(view.refundable)} testId="order-coupon-refundable" />
      </div>
      <Text size="xsmall" className="text-ui-fg-muted px-6 py-3">
        A refund can never exceed what was paid and not yet refunded; the coupon's value is never paid out.
      </Text>
    </Container>
  )
}

const Amount = ({ label, value, testId }: { label: string; value: string; testId?: string }) => (
  <div className="flex items-center justify-between">
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small" weight="plus" data-testid={testId}>
      {value}
    </Text>
  </div>
)

export const config = defineWidgetConfig({
  zone: "order.details.side",
})

export default OrderCouponWidget
