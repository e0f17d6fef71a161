import { Container, createDataTableColumnHelper, DataTable, Heading, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { Link } from "react-router-dom"
import { formatDate, formatMoney } from "../lib/format"
import { usePagedDataTable, usePaging } from "../lib/paging"
import {
  useCouponRedemptions,
  useCustomersByIds,
  useOrdersByIds,
  type CustomerSummary,
  type OrderSummary,
} from "../lib/queries"
import type { Redemption } from "../lib/types"
import { RedemptionStatusBadge } from "./coupon-status-badge"
import { PagedTable } from "./paged-table"
import { ErrorState } from "./states"

const PAGE = 10

type Row = Redemption & { order?: OrderSummary; customer?: CustomerSummary }

const columnHelper = createDataTableColumnHelper<Row>()

const stop = (e: React.MouseEvent) => e.stopPropagation()

/**
 * Each line's share: from the order's own line adjustments once there is an
 * order (the stored allocations name the cart's lines, which the order copies
 * under new ids), else from the allocations of the checkout.
 */
function linesOf(r: Row): { key: string; label: string; amount: number }[] {
  if (r.order) {
    const mine = (a: { description: string | null; provider_id: string | null }) =>
      a.provider_id === "coupon" || a.description === `Coupon ${r.code}`
    return r.order.items
      .map((item) => ({
        key: item.id,
        label: `${item.title}${item.quantity > 1 ? ` × ${item.quantity}` : ""}`,
        amount: (item.adjustments ?? []).filter(mine).reduce((sum, a) => sum + Number(a.amount), 0),
      }))
      .filter((line) => line.amount > 0)
  }
  return r.allocations.map((a) => ({ key: a.item_id, label: `Cart line ${a.item_id.slice(-6)}`, amount: a.amount }))
}

const columns = [
  columnHelper.accessor("order_id", {
    header: "Order",
    cell: ({ row }) => (
      <div className="flex flex-col py-1">
        {row.original.order_id ? (
          <Link to={`/orders/${row.original.order_id}`} className="text-ui-fg-interactive hover:underline" onClick={stop}>
            {row.original.order ? `#${row.original.order.display_id}` : "Order"}
          </Link>
        ) : (
          <span className="text-ui-fg-muted">No order yet</span>
        )}
        <span className="text-ui-fg-subtle txt-compact-xsmall">{formatDate(row.original.created_at, true)}</span>
      </div>
    ),
  }),
  columnHelper.display({
    id: "customer",
    header: "Customer",
    cell: ({ row }) => {
      const { customer, customer_id, email } = row.original
      const name = customer ? [customer.first_name, customer.last_name].filter(Boolean).join(" ") || customer.email : email ?? "Guest"
      return customer_id ? (
        <Link to={`/customers/${customer_id}`} className="text-ui-fg-interactive hover:underline" onClick={stop}>
          {name}
        </Link>
      ) : (
        <span>{name}</span>
      )
    },
  }),
  columnHelper.accessor("code", { header: "Code", cell: ({ getValue }) => <span className="font-mono">{getValue()}</span> }),
  columnHelper.accessor("discount_total", {
    header: "Discount",
    cell: ({ row }) => formatMoney(row.original.discount_total, row.original.currency_code),
  }),
  columnHelper.display({
    id: "shares",
    header: "Per line",
    meta: { ___truncateTooltip: false },
    cell: ({ row }) => (
      <ul className="txt-compact-small flex flex-col py-1" aria-label="Discount per line">
        {linesOf(row.original).map((line) => (
          <li key={line.key} className="whitespace-nowrap">
            <span className="text-ui-fg-subtle">{line.label}:</span> {formatMoney(line.amount, row.original.currency_code)}
          </li>
        ))}
      </ul>
    ),
  }),
  columnHelper.accessor("status", { header: "Status", cell: ({ getValue }) => <RedemptionStatusBadge status={getValue()} /> }),
]

/** The Redemptions tab: every use of the coupon, newest first, with its order and per-line shares. */
export const RedemptionsSection = ({ couponId }: { couponId: string }) => {
  const page = usePaging(PAGE)
  const { data, isLoading, error, refetch } = useCouponRedemptions(couponId, { limit: page.limit, offset: page.offset })
  const redemptions = data?.redemptions ?? []
  const orderIds = [...new Set(redemptions.map((r) => r.order_id).filter((id): id is string => Boolean(id)))]
  const customerIds = [...new Set(redemptions.map((r) => r.customer_id).filter((id): id is string => Boolean(id)))]
  const orders = useOrdersByIds(orderIds)
  const customers = useCustomersByIds(customerIds)
  const rows: Row[] = useMemo(() => {
    const orderById = new Map((orders.data ?? []).map((o) => [o.id, o]))
    const customerById = new Map((customers.data ?? []).map((c) => [c.id, c]))
    return redemptions.map((r) => ({
      ...r,
      order: r.order_id ? orderById.get(r.order_id) : undefined,
      customer: r.customer_id ? customerById.get(r.customer_id) : undefined,
    }))
  }, [redemptions, orders.data, customers.data])

  const table = usePagedDataTable(page, { data: rows, count: data?.count, columns, isLoading })

  if (error) return <ErrorState title="Could not load the redemptions" error={error} onRetry={() => refetch()} />
  return (
    <Container className="divide-y p-0" data-testid="redemptions-table">
      <PagedTable
        table={table}
        emptyState={{
          empty: { heading: "Not used yet", description: "Orders placed with this coupon will show here." },
          filtered: { heading: "Not used yet" },
        }}
      >
        <DataTable.Toolbar>
          <div>
            <Heading level="h3">Redemptions</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Held uses belong to checkouts whose payment has not gone through yet.
            </Text>
          </div>
        </DataTable.Toolbar>
      </PagedTable>
    </Container>
  )
}
