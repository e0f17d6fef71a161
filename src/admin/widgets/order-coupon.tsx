import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Container, Skeleton, Table, Text } from "@medusajs/ui"
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
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Item</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Subtotal</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Coupon share</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Paid</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Refunded</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Refundable</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {view.lines.map((line) => (
              <Table.Row key={line.item_id}>
                <Table.Cell>
                  {line.title} <span className="text-ui-fg-muted">× {line.quantity}</span>
                  {line.returned_quantity > 0 && <span className="text-ui-fg-muted"> ({line.returned_quantity} returned)</span>}
                </Table.Cell>
                <Table.Cell className="text-right">{money(line.subtotal)}</Table.Cell>
                <Table.Cell className="text-right">{line.coupon_share ? `−${money(line.coupon_share)}` : "-"}</Table.Cell>
                <Table.Cell className="text-right">{money(line.paid)}</Table.Cell>
                <Table.Cell className="text-right">{money(line.refunded)}</Table.Cell>
                <Table.Cell className="text-right">{money(line.refundable)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      <div className="grid grid-cols-3 gap-4 px-6 py-4">
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
  <div className="flex flex-col">
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small" weight="plus" data-testid={testId}>
      {value}
    </Text>
  </div>
)

export const config = defineWidgetConfig({
  zone: "order.details",
})

export default OrderCouponWidget
