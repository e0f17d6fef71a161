import {
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  Heading,
  Text,
} from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { CampaignPhaseBadge } from "../../../components/campaign-status"
import { PagedTable } from "../../../components/paged-table"
import { ErrorState } from "../../../components/states"
import { formatDate, formatNumber } from "../../../lib/format"
import { usePagedDataTable, usePaging } from "../../../lib/paging"
import { useCampaigns } from "../../../lib/queries"
import type { Campaign } from "../../../lib/types"

const PAGE = 20

const columnHelper = createDataTableColumnHelper<Campaign>()

const columns = [
  columnHelper.accessor("name", {
    header: "Name",
    enableSorting: true,
    sortAscLabel: "A → Z",
    sortDescLabel: "Z → A",
    cell: ({ row }) => (
      <Link to={`/coupons/campaigns/${row.original.id}`} className="txt-compact-small-plus hover:text-ui-fg-interactive focus-visible:shadow-borders-focus rounded-sm outline-none" onClick={(e) => e.stopPropagation()}>
        {row.original.name}
      </Link>
    ),
  }),
  columnHelper.display({
    id: "coupon",
    header: "Coupon",
    cell: ({ row }) => <span className="font-mono">{row.original.coupon?.code ?? row.original.coupon?.title ?? "-"}</span>,
  }),
  columnHelper.accessor("send_starts_at", {
    header: "Sending period",
    enableSorting: true,
    sortLabel: "Sending starts",
    sortAscLabel: "Earliest first",
    sortDescLabel: "Latest first",
    cell: ({ row }) => `${formatDate(row.original.send_starts_at)} – ${formatDate(row.original.send_ends_at)}`,
  }),
  columnHelper.display({
    id: "funnel",
    header: "Sent / Opened / Redeemed / Verified",
    cell: ({ row }) => {
      const f = row.original.funnel
      return `${formatNumber(f.sent)} / ${formatNumber(f.opened)} / ${formatNumber(f.redeemed)} / ${formatNumber(f.verified)}`
    },
  }),
  columnHelper.display({ id: "phase", header: "Status", cell: ({ row }) => <CampaignPhaseBadge campaign={row.original} /> }),
  columnHelper.accessor("created_at", {
    header: "Created",
    enableSorting: true,
    sortAscLabel: "Oldest first",
    sortDescLabel: "Newest first",
    cell: ({ getValue }) => formatDate(getValue()),
  }),
]

const CampaignListPage = () => {
  const navigate = useNavigate()
  const [q, setQ] = useState("")
  const page = usePaging(PAGE)
  const [sorting, setSorting] = useState<{ id: string; desc: boolean } | null>(null)
  const { data, isLoading, error, refetch } = useCampaigns({
    q: q || undefined,
    order: sorting ? `${sorting.desc ? "-" : ""}${sorting.id}` : undefined,
    limit: page.limit,
    offset: page.offset,
  })
  const table = usePagedDataTable(page, {
    data: data?.coupon_campaigns ?? [],
    count: data?.count,
    columns,
    isLoading,
    onRowClick: (_, row) => navigate(`/coupons/campaigns/${row.id}`),
    search: { state: q, onSearchChange: setQ },
    sorting: { state: sorting, onSortingChange: setSorting },
  })

  if (error) return <ErrorState title="Could not load the campaigns" error={error} onRetry={() => refetch()} />
  return (
    <Container className="divide-y p-0">
      <PagedTable
        table={table}
        emptyState={{
          empty: { heading: "No campaigns yet", description: "Create a campaign to send a coupon page to customers." },
          filtered: { heading: "No matching campaigns", description: "Change the search." },
        }}
      >
        <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
          <div>
            <Heading>Coupon campaigns</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Coupon pages sent by chat or e-mail: Sent → Opened → Redeemed → Verified.
            </Text>
          </div>
          <div className="flex items-center gap-2">
            <DataTable.SortingMenu tooltip="Sort" />
            <DataTable.Search placeholder="Search name" />
            <Button size="small" variant="secondary" asChild>
              <Link to="/coupons/campaigns/create">Create</Link>
            </Button>
          </div>
        </DataTable.Toolbar>
      </PagedTable>
    </Container>
  )
}

export const handle = { breadcrumb: () => "Campaigns" }

export default CampaignListPage
