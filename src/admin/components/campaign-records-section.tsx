/** A campaign's records: who got a coupon, by which channel, how far each got (funnel per channel). */
import {
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  Heading,
  StatusBadge,
  type DataTableFilteringState,
} from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { PagedTable } from "./paged-table"
import { ErrorState, SectionHeader, SectionRow } from "./states"
import { formatDate, formatNumber } from "../lib/format"
import { usePagedDataTable, usePaging } from "../lib/paging"
import { useCampaignRedemptions } from "../lib/queries"
import type { Campaign, CampaignRecipient, CampaignStep } from "../lib/types"

const STEP_BADGE: Record<CampaignStep, { label: string; color: "grey" | "blue" | "orange" | "green" }> = {
  sent: { label: "Sent", color: "grey" },
  opened: { label: "Opened", color: "blue" },
  redeemed: { label: "Redeemed", color: "orange" },
  verified: { label: "Verified", color: "green" },
}

const recordHelper = createDataTableColumnHelper<CampaignRecipient>()
const recordColumns = [
  recordHelper.accessor("channel", {
    header: "Channel",
    cell: ({ getValue }) => <StatusBadge color="grey">{getValue()}</StatusBadge>,
  }),
  recordHelper.display({
    id: "contact",
    header: "Contact",
    cell: ({ row }) => {
      const { customer, customer_id, contact_id, contact_name } = row.original
      const contact = contact_name ? `${contact_name} (${contact_id})` : contact_id
      if (!customer_id) return <span>{contact}</span>
      const name = customer ? [customer.first_name, customer.last_name].filter(Boolean).join(" ") || customer.email : customer_id
      return (
        <span className="flex flex-col">
          <span>{contact}</span>
          <Link to={`/customers/${customer_id}`} className="text-ui-fg-interactive hover:underline">
            {name}
          </Link>
        </span>
      )
    },
  }),
  recordHelper.accessor("status", {
    header: "Status",
    cell: ({ getValue }) => <StatusBadge color={STEP_BADGE[getValue()].color}>{STEP_BADGE[getValue()].label}</StatusBadge>,
  }),
  recordHelper.accessor("code", { header: "Code", cell: ({ getValue }) => <span className="font-mono">{getValue() ?? "-"}</span> }),
  recordHelper.accessor("sent_at", { header: "Sent", cell: ({ getValue }) => formatDate(getValue(), true) }),
  recordHelper.accessor("opened_at", { header: "Opened", cell: ({ getValue }) => formatDate(getValue(), true) }),
  recordHelper.accessor("redeemed_at", { header: "Redeemed", cell: ({ getValue }) => formatDate(getValue(), true) }),
  recordHelper.accessor("verified_at", { header: "Verified", cell: ({ getValue }) => formatDate(getValue(), true) }),
]

const recordFilterHelper = createDataTableFilterHelper<CampaignRecipient>()
const recordFilters = (channels: string[]) => [
  recordFilterHelper.accessor("status", {
    type: "radio",
    label: "Status",
    options: (Object.keys(STEP_BADGE) as CampaignStep[]).map((s) => ({ label: STEP_BADGE[s].label, value: s })),
  }),
  recordFilterHelper.accessor("channel", {
    type: "radio",
    label: "Channel",
    options: channels.map((c) => ({ label: c, value: c })),
  }),
]

/** The funnel of each channel the campaign was sent on, when there is more than one. */
export const ChannelFunnels = ({ campaign }: { campaign: Campaign }) => {
  const channels = Object.keys(campaign.funnel_by_channel ?? {})
  if (channels.length < 2) return null
  return (
    <Container className="divide-y p-0" data-testid="channel-funnels">
      <SectionHeader title="By channel" />
      {channels.map((channel) => {
        const f = campaign.funnel_by_channel[channel]
        return (
          <SectionRow
            key={channel}
            label={channel}
            value={`${formatNumber(f.sent)} sent · ${formatNumber(f.opened)} opened · ${formatNumber(f.redeemed)} redeemed · ${formatNumber(f.verified)} verified`}
          />
        )
      })}
    </Container>
  )
}

const RECORDS_PAGE = 10

export const CampaignRecordsSection = ({ campaign }: { campaign: Campaign }) => {
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const page = usePaging(RECORDS_PAGE)
  const status = filtering.status as CampaignStep | undefined
  const channel = filtering.channel as string | undefined
  const { data, isLoading, error, refetch } = useCampaignRedemptions(campaign.id, {
    status,
    channel,
    limit: page.limit,
    offset: page.offset,
  })
  const table = usePagedDataTable(page, {
    data: data?.redemptions ?? [],
    count: data?.count,
    columns: recordColumns,
    filters: recordFilters(Object.keys(campaign.funnel_by_channel ?? {})),
    isLoading,
    filtering: { state: filtering, onFilteringChange: setFiltering },
  })
  if (error) return <ErrorState title="Could not load the redemption records" error={error} onRetry={() => refetch()} />
  return (
    <Container className="divide-y p-0">
      <PagedTable
        table={table}
        emptyState={{
          empty: { heading: "Nothing sent yet", description: "Send the campaign to customers or contacts to see each coupon's progress." },
          filtered: { heading: "No coupon at this step" },
        }}
      >
        <DataTable.Toolbar className="flex items-center justify-between gap-2">
          <Heading level="h2">Redemption records</Heading>
          <DataTable.FilterMenu tooltip="Filter by status or channel" />
        </DataTable.Toolbar>
      </PagedTable>
    </Container>
  )
}
