/** The searchable list of a coupon's serial codes. */
import { Container, createDataTableColumnHelper, DataTable, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { formatDate, formatNumber } from "../lib/format"
import { usePagedDataTable, usePaging } from "../lib/paging"
import { useCouponCodes } from "../lib/queries"
import type { SerialCode } from "../lib/types"
import { DownloadCodes } from "./codes-download"
import { PagedTable } from "./paged-table"
import { ErrorState } from "./states"

const CODE_STATE: Record<string, { label: string; color: "green" | "blue" | "grey" }> = {
  available: { label: "Available", color: "green" },
  assigned: { label: "In a wallet", color: "blue" },
  held_by_contact: { label: "Held by a contact", color: "blue" },
  used: { label: "Used", color: "grey" },
}

const columnHelper = createDataTableColumnHelper<SerialCode>()

const codeColumns = [
  columnHelper.accessor("code", {
    header: "Code",
    cell: ({ getValue }) => <span className="font-mono">{getValue()}</span>,
  }),
  columnHelper.accessor("state", {
    header: "State",
    cell: ({ getValue }) => {
      const state = CODE_STATE[getValue() ?? ""] ?? { label: getValue() ?? "-", color: "grey" as const }
      return <StatusBadge color={state.color}>{state.label}</StatusBadge>
    },
  }),
  columnHelper.display({
    id: "uses",
    header: "Uses",
    cell: ({ row }) => `${formatNumber(row.original.usage_count ?? 0)} / ${formatNumber(row.original.max_uses ?? 1)}`,
  }),
  columnHelper.accessor("customer_id", {
    header: "Wallet of",
    cell: ({ getValue }) => {
      const id = getValue()
      return id ? (
        <Link to={`/customers/${id}`} className="text-ui-fg-interactive hover:underline" onClick={(e) => e.stopPropagation()}>
          {id}
        </Link>
      ) : (
        "-"
      )
    },
  }),
  columnHelper.accessor("contact", {
    header: "Campaign contact",
    cell: ({ getValue }) => getValue() ?? "-",
  }),
  columnHelper.accessor("created_at", {
    header: "Added",
    cell: ({ getValue }) => formatDate(getValue() as string | undefined),
  }),
]

const CODES_PAGE = 20

export const CodesTable = ({ couponId }: { couponId: string }) => {
  const [q, setQ] = useState("")
  const page = usePaging(CODES_PAGE)
  const { data, isLoading, error, refetch } = useCouponCodes(couponId, {
    q: q || undefined,
    limit: page.limit,
    offset: page.offset,
  })
  const table = usePagedDataTable(page, {
    data: data?.codes ?? [],
    count: data?.count,
    columns: codeColumns,
    isLoading,
    search: { state: q, onSearchChange: setQ },
  })
  if (error) return <ErrorState title="Could not load the codes" error={error} onRetry={() => refetch()} />
  return (
    <Container className="divide-y p-0" data-testid="codes-table">
      <PagedTable
        table={table}
        emptyState={{
          empty: { heading: "No serial codes", description: "Generate codes or import a CSV file above." },
          filtered: { heading: "No codes start with that", description: "Codes are searched by their beginning." },
        }}
      >
        <DataTable.Toolbar className="flex items-center justify-between gap-2">
          <div>
            <Heading level="h3">Serial codes</Heading>
            <Text size="small" className="text-ui-fg-subtle" data-testid="codes-count">
              {formatNumber(data?.count ?? 0)} {q ? `starting with ${q.toUpperCase()}` : "in total"}
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            <DataTable.Search placeholder="Codes starting with…" />
            <DownloadCodes couponId={couponId} q={q} />
          </div>
        </DataTable.Toolbar>
      </PagedTable>
    </Container>
  )
}
