import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CogSixTooth, ReceiptPercent } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  Heading,
  IconButton,
  Text,
  useDataTable,
  type DataTableFilteringState,
  type DataTablePaginationState,
  type DataTableSortingState,
} from "@medusajs/ui"
import { useMemo } from "react"
import { Link, useNavigate, useSearchParams } from "react-router-dom"
import { CouponStatusBadge } from "../../components/coupon-status-badge"
import { PagedTable } from "../../components/paged-table"
import { StatCard } from "../../components/stat-card"
import { ErrorState } from "../../components/states"
import { formatDiscount, formatMoney, formatNumber, formatUsage, formatValidity } from "../../lib/format"
import { COUPON_STATUSES, useCouponStatusCounts, useCoupons, useStoreStats } from "../../lib/queries"
import type { Coupon, CouponStatus } from "../../lib/types"

const PAGE_SIZE = 20

const columnHelper = createDataTableColumnHelper<Coupon>()

const columns = [
  columnHelper.accessor("code", {
    header: "Code",
    enableSorting: true,
    sortAscLabel: "A → Z",
    sortDescLabel: "Z → A",
    cell: ({ row }) => (
      // A real link, so the list can be walked with the keyboard.
      <Link
        to={`/coupons/${row.original.id}`}
        className="txt-compact-small-plus text-ui-fg-base hover:text-ui-fg-interactive focus-visible:shadow-borders-focus rounded-sm outline-none"
        onClick={(e) => e.stopPropagation()}
      >
        {row.original.code ?? <span className="text-ui-fg-muted">Serial codes only</span>}
      </Link>
    ),
  }),
  columnHelper.accessor("title", {
    header: "Title",
    enableSorting: true,
    sortAscLabel: "A → Z",
    sortDescLabel: "Z → A",
  }),
  columnHelper.display({
    id: "discount",
    header: "Discount",
    cell: ({ row }) => formatDiscount(row.original),
  }),
  columnHelper.accessor("min_spend", {
    header: "Minimum spend",
    enableSorting: true,
    sortAscLabel: "Lowest first",
    sortDescLabel: "Highest first",
    cell: ({ row }) =>
      row.original.min_spend ? formatMoney(row.original.min_spend, row.original.currency_code) : "-",
  }),
  columnHelper.accessor("ends_at", {
    header: "Validity",
    enableSorting: true,
    sortLabel: "Ends",
    sortAscLabel: "Ending first",
    sortDescLabel: "Ending last",
    cell: ({ row }) => formatValidity(row.original),
  }),
  columnHelper.accessor("usage_count", {
    header: "Usage",
    enableSorting: true,
    sortAscLabel: "Least used first",
    sortDescLabel: "Most used first",
    cell: ({ row }) => formatUsage(row.original),
  }),
  columnHelper.accessor("status", {
    header: "Status",
    cell: ({ row }) => <CouponStatusBadge status={row.original.status} />,
  }),
  columnHelper.accessor("created_at", {
    header: "Created",
    enableSorting: true,
    sortAscLabel: "Oldest first",
    sortDescLabel: "Newest first",
    cell: ({ row }) => new Date(row.original.created_at).toLocaleDateString(),
  }),
]

const filterHelper = createDataTableFilterHelper<Coupon>()

const filters = [
  filterHelper.accessor("status", {
    type: "radio",
    label: "Status",
    options: COUPON_STATUSES.map((s) => ({ label: s[0].toUpperCase() + s.slice(1), value: s })),
  }),
]

/** Table state lives in the URL, so the back button and shared links keep it. */
function useListState() {
  const [params, setParams] = useSearchParams()
  const q = params.get("q") ?? ""
  const status = (params.get("status") as CouponStatus | null) ?? undefined
  const order = params.get("order") ?? undefined
  const offset = Number(params.get("offset") ?? 0) || 0

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === "") next.delete(key)
          else next.set(key, value)
        }
        return next
      },
      { replace: true }
    )

  return { q, status, order, offset, update }
}

const CouponListPage = () => {
  const navigate = useNavigate()
  const { q, status, order, offset, update } = useListState()
  const { data, isLoading, error, refetch } = useCoupons({
    q: q || undefined,
    status,
    order,
    limit: PAGE_SIZE,
    offset,
  })

  const filtering: DataTableFilteringState = useMemo(() => (status ? { status } : {}), [status])
  const sorting: DataTableSortingState | null = useMemo(
    () => (order ? { id: order.replace(/^-/, ""), desc: order.startsWith("-") } : null),
    [order]
  )
  const pagination: DataTablePaginationState = { pageIndex: Math.floor(offset / PAGE_SIZE), pageSize: PAGE_SIZE }

  const table = useDataTable({
    data: data?.coupons ?? [],
    columns,
    filters,
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    onRowClick: (_, row) => navigate(`/coupons/${row.id}`),
    search: { state: q, onSearchChange: (value) => update({ q: value, offset: undefined }) },
    filtering: {
      state: filtering,
      onFilteringChange: (state) => update({ status: (state.status as string | undefined) ?? undefined, offset: undefined }),
    },
    sorting: {
      state: sorting,
      onSortingChange: (state) => update({ order: state ? `${state.desc ? "-" : ""}${state.id}` : undefined, offset: undefined }),
    },
    pagination: {
      state: pagination,
      onPaginationChange: (state) => update({ offset: state.pageIndex ? String(state.pageIndex * PAGE_SIZE) : undefined }),
    },
  })

  return (
    <div className="flex flex-col gap-y-3">
      <CouponStatCards />
      {error ? (
        <ErrorState title="Could not load coupons" error={error} onRetry={() => refetch()} />
      ) : (
        <Container className="divide-y p-0">
          <PagedTable
            table={table}
            emptyState={{
              empty: {
                heading: "No coupons yet",
                description: "Create a coupon to give shoppers a code for a discount.",
              },
              filtered: {
                heading: "No matching coupons",
                description: "Change the search or the status filter.",
              },
            }}
          >
            <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 lg:flex-row lg:items-center">
              <div>
                <Heading>Coupons</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  One coupon per order; promotions stand aside while it is applied.
                </Text>
              </div>
              <div className="flex items-center gap-2">
                <DataTable.FilterMenu tooltip="Filter by status" />
                <DataTable.SortingMenu tooltip="Sort" />
                <DataTable.Search placeholder="Search code or title" />
                <Button size="small" variant="secondary" asChild>
                  <Link to="/coupons/campaigns">Campaigns</Link>
                </Button>
                <IconButton size="small" asChild aria-label="Coupon settings">
                  <Link to="/settings/coupons">
                    <CogSixTooth />
                  </Link>
                </IconButton>
                <Button size="small" variant="secondary" asChild>
                  <Link to="/coupons/create">Create</Link>
                </Button>
              </div>
            </DataTable.Toolbar>
          </PagedTable>
        </Container>
      )}
    </div>
  )
}

const CouponStatCards = () => {
  const { counts, isLoading, error } = useCouponStatusCounts()
  const stats = useStoreStats()
  const discount = stats.data?.discount_totals.map((d) => formatMoney(d.amount, d.currency_code)).join(" · ")
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" aria-label="Coupon statistics">
      {COUPON_STATUSES.map((s) => (
        <StatCard
          key={s}
          testId={`stat-${s}`}
          label={s[0].toUpperCase() + s.slice(1)}
          value={error ? "–" : formatNumber(counts[s] ?? 0)}
          isLoading={isLoading}
        />
      ))}
      <StatCard
        testId="stat-redemptions"
        label="Redemptions, last 30 days"
        value={stats.error ? "–" : formatNumber(stats.data?.redemptions ?? 0)}
        hint={stats.error ? "Could not load" : discount ? `${discount} discount given` : "No discount given yet"}
        isLoading={stats.isLoading}
      />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Coupons",
  icon: ReceiptPercent,
})

export const handle = {
  breadcrumb: () => "Coupons",
}

export default CouponListPage
