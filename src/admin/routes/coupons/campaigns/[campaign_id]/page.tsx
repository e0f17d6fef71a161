/*
 * The campaign page: summary, send (to customers here, to contacts in
 * campaign-contacts-drawer.tsx), funnel, records and point-of-sale verify read one
 * campaign query and invalidate it together. Splitting its sections into components is
 * left for a later change.
 */
import {
  Button,
  Container,
  Copy,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  Heading,
  Hint,
  Input,
  Label,
  StatusBadge,
  Text,
  toast,
  type DataTableFilteringState,
} from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams, type UIMatch } from "react-router-dom"
import { CampaignContactsDrawer } from "../../../../components/campaign-contacts-drawer"
import { CampaignFunnel } from "../../../../components/campaign-funnel"
import { campaignPhase, CampaignPhaseBadge } from "../../../../components/campaign-status"
import { EditDeleteMenu } from "../../../../components/edit-delete-menu"
import { FormDrawer } from "../../../../components/form-drawer"
import { PagedTable } from "../../../../components/paged-table"
import { SearchPicker } from "../../../../components/search-picker"
import { ErrorState, SectionHeader, SectionRow, SectionSkeleton } from "../../../../components/states"
import { TwoColumnLayout } from "../../../../components/two-column-layout"
import { errorMessage, formatDate, formatNumber } from "../../../../lib/format"
import { usePagedDataTable, usePaging } from "../../../../lib/paging"
import {
  searchCustomers,
  useCampaign,
  useCampaignRedemptions,
  useDeleteCampaign,
  useSendCampaign,
  useVerifyCampaignCoupon,
} from "../../../../lib/queries"
import type { Campaign, CampaignRecipient, CampaignStep, SendResult } from "../../../../lib/types"

const CampaignDetailPage = () => {
  const { campaign_id: id } = useParams()
  const campaign = useCampaign(id!)
  if (campaign.isLoading) {
    return (
      <div className="flex flex-col gap-y-3">
        <SectionSkeleton rows={6} />
        <SectionSkeleton rows={2} title={false} />
      </div>
    )
  }
  if (campaign.error || !campaign.data) {
    return <ErrorState title="Could not load the campaign" error={campaign.error} onRetry={() => campaign.refetch()} />
  }
  const c = campaign.data
  return (
    <TwoColumnLayout
      main={
        <>
          <SummarySection campaign={c} />
          <CampaignFunnel funnel={c.funnel} />
          <ChannelFunnels campaign={c} />
          <RecordsSection campaign={c} />
        </>
      }
      sidebar={
        <>
          <VerifySection />
          <PageLookSection campaign={c} />
        </>
      }
    />
  )
}

const SummarySection = ({ campaign }: { campaign: Campaign }) => {
  const remove = useDeleteCampaign(campaign.id)
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading>{campaign.name}</Heading>
          <CampaignPhaseBadge campaign={campaign} />
        </div>
        <div className="flex items-center gap-x-2">
          <SendDrawer campaign={campaign} />
          <CampaignContactsDrawer campaign={campaign} disabled={campaignPhase(campaign) !== "sending"} />
          <EditDeleteMenu
            label="Campaign actions"
            editTo={`/coupons/campaigns/${campaign.id}/edit`}
            confirmTitle={`Delete campaign ${campaign.name}?`}
            confirmDescription="Its coupon page links stop working. Coupons already redeemed stay in the customers' wallets."
            remove={remove}
            deletedMessage="Campaign deleted"
            afterDeleteTo="/coupons/campaigns"
          />
        </div>
      </div>
      <SectionRow
        label="Coupon"
        value={
          campaign.coupon ? (
            <Link to={`/coupons/${campaign.coupon.id}`} className="text-ui-fg-interactive hover:underline">
              {campaign.coupon.code ?? "Serial codes"} · {campaign.coupon.title}
            </Link>
          ) : (
            "-"
          )
        }
      />
      <SectionRow label="Sending period" value={`${formatDate(campaign.send_starts_at, true)} – ${formatDate(campaign.send_ends_at, true)}`} />
      <SectionRow
        label="Coupon validity"
        value={`${campaign.expiry_days} days from ${campaign.expiry_mode === "from_sending" ? "sending" : "redemption"}`}
      />
      <SectionRow label="Redemptions per contact" value={formatNumber(campaign.per_contact_limit)} />
      <SectionRow label="Instructions" value={campaign.instructions || "-"} />
    </Container>
  )
}

const PageLookSection = ({ campaign }: { campaign: Campaign }) => (
  <Container className="divide-y p-0">
    <SectionHeader title="Coupon page" />
    <SectionRow label="Code shown as" value={campaign.barcode_format === "QR" ? "QR code" : campaign.barcode_format.replace("_", " ")} />
    {(["background_color", "button_color", "button_text_color"] as const).map((key) => (
      <SectionRow
        key={key}
        label={{ background_color: "Background", button_color: "Button", button_text_color: "Button text" }[key]}
        value={
          <span className="flex items-center gap-x-2">
            <span className="shadow-borders-base inline-block size-4 rounded" style={{ background: campaign[key] }} />
            {campaign[key]}
          </span>
        }
      />
    ))}
    <SectionRow label="Image" value={campaign.image_url ? <a className="text-ui-fg-interactive hover:underline" href={campaign.image_url} target="_blank" rel="noreferrer">Open</a> : "None"} />
  </Container>
)

const SendDrawer = ({ campaign }: { campaign: Campaign }) => {
  const [open, setOpen] = useState(false)
  const [customerIds, setCustomerIds] = useState<string[]>([])
  const [labels, setLabels] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<SendResult | null>(null)
  const send = useSendCampaign(campaign.id)
  const phase = campaignPhase(campaign)

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (!customerIds.length) {
      setError("Choose at least one customer.")
      return
    }
    try {
      const sent = await send.mutateAsync(customerIds)
      setResult(sent)
      setCustomerIds([])
      setError(null)
      toast.success(`Sent to ${sent.recipients.length} customer${sent.recipients.length === 1 ? "" : "s"}`)
    } catch (err) {
      setError(errorMessage(err).replace(/^Invalid request:\s*/, ""))
    }
  }

  return (
    <FormDrawer
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) setResult(null)
      }}
      trigger={
        <Button size="small" disabled={phase !== "sending"} title={phase !== "sending" ? "Only inside the sending period" : undefined}>
          Send
        </Button>
      }
      title={`Send ${campaign.name}`}
      description="Send the campaign's coupon page to customers."
      onSubmit={submit}
      closeLabel="Close"
      submitLabel="Send"
      isPending={send.isPending}
    >
      <Text size="small" className="text-ui-fg-subtle">
        Each customer gets their own coupon page link by e-mail (and here, to share in a chat). Blocked customers are skipped.
      </Text>
      <SearchPicker
        id="send-customers"
        queryKey="customers"
        label="Customers"
        searchPlaceholder="Search name or e-mail"
        emptyText="No customer chosen yet."
        selected={customerIds}
        selectedLabels={labels}
        onChange={(ids) => {
          setCustomerIds(ids)
          setError(null)
        }}
        search={(q) =>
          searchCustomers(q).then((cs) => {
            const options = cs.map((c) => ({
              id: c.id,
              label: [c.first_name, c.last_name].filter(Boolean).join(" ") || c.email,
              description: c.email,
            }))
            setLabels((prev) => ({ ...prev, ...Object.fromEntries(options.map((o) => [o.id, o.label])) }))
            return options
          })
        }
      />
      {error && (
        <Hint variant="error" role="alert">
          {error}
        </Hint>
      )}
      {result && (
        <div className="flex flex-col gap-y-2" data-testid="send-result">
          <Text size="small" weight="plus">
            Sent to {result.recipients.length}
            {result.skipped.length ? `, skipped ${result.skipped.length}` : ""}
          </Text>
          <ul className="flex flex-col gap-y-1">
            {result.recipients.map((r) => (
              <li key={r.id} className="txt-compact-small flex items-center gap-x-2">
                <span className="truncate">{labels[r.customer_id] ?? r.customer_id}</span>
                <Copy content={r.coupon_url} aria-label="Copy the coupon page link" />
                <a href={r.coupon_url} target="_blank" rel="noreferrer" className="text-ui-fg-interactive hover:underline">
                  page
                </a>
                {r.notification_status === "failure" && <StatusBadge color="red">E-mail failed</StatusBadge>}
              </li>
            ))}
            {result.skipped.map((s) => (
              <li key={s.customer_id} className="txt-compact-small text-ui-fg-subtle">
                {labels[s.customer_id] ?? s.customer_id}: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </FormDrawer>
  )
}

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
const ChannelFunnels = ({ campaign }: { campaign: Campaign }) => {
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

const RecordsSection = ({ campaign }: { campaign: Campaign }) => {
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

/** Point of sale: staff type (or scan) the code the shopper shows. */
const VerifySection = () => {
  const [code, setCode] = useState("")
  const [customerId, setCustomerId] = useState("")
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const verify = useVerifyCampaignCoupon()
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setMessage(null)
    try {
      // "line:U4af…" names a chat contact; anything else is a customer ID.
      const who = customerId.trim()
      const contact = /^([a-z0-9_-]{1,32}):(.+)$/.exec(who)
      const r = await verify.mutateAsync({
        code: code.trim(),
        ...(contact ? { channel: contact[1], contact_id: contact[2] } : who ? { customer_id: who } : {}),
      })
      setMessage({ ok: true, text: `${r.code} verified.` })
      setCode("")
      setCustomerId("")
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err).replace(/^Invalid request:\s*/, "") })
    }
  }
  return (
    <Container className="divide-y p-0">
      <SectionHeader title="Verify at the point of sale" subtitle="The code shown on the shopper's coupon page." />
      <form onSubmit={submit} className="flex flex-col gap-y-3 px-6 py-4" noValidate>
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus" htmlFor="verify-code">
            Code
          </Label>
          <Input id="verify-code" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus" htmlFor="verify-customer">
            Customer ID or channel:contact <span className="text-ui-fg-muted font-normal">(only for a shared code)</span>
          </Label>
          <Input id="verify-customer" value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
        </div>
        {message && (
          <Hint variant={message.ok ? "info" : "error"} role={message.ok ? "status" : "alert"}>
            {message.text}
          </Hint>
        )}
        <div className="flex justify-end">
          <Button size="small" variant="secondary" type="submit" isLoading={verify.isPending}>
            Verify
          </Button>
        </div>
      </form>
    </Container>
  )
}

export const handle = {
  breadcrumb: (match: UIMatch) => <CampaignBreadcrumb id={(match.params as { campaign_id?: string }).campaign_id!} />,
}

const CampaignBreadcrumb = ({ id }: { id: string }) => {
  const { data } = useCampaign(id)
  return <span>{data?.name ?? "Campaign"}</span>
}

export default CampaignDetailPage
