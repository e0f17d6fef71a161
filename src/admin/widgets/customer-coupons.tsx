import { defineWidgetConfig } from "@medusajs/admin-sdk"
import {
  Alert,
  Button,
  Container,
  createDataTableColumnHelper,
  Hint,
  Label,
  Text,
  Textarea,
  toast,
  usePrompt,
  clx,
} from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { CouponPicker } from "../components/coupon-picker"
import { WalletStatusBadge } from "../components/coupon-status-badge"
import { FormDrawer } from "../components/form-drawer"
import { PagedTable } from "../components/paged-table"
import { ErrorState, SectionHeader } from "../components/states"
import { errorMessage, formatDate, formatDiscount, formatNumber } from "../lib/format"
import { usePagedDataTable, usePaging } from "../lib/paging"
import { useAssignCoupon, useBlockCustomer, useBlocklistEntry, useCustomerWallet, useUnblockCustomer } from "../lib/queries"
import type { WalletCoupon, WalletStatus } from "../lib/types"

type Customer = { id: string; email: string; first_name?: string | null; last_name?: string | null }

const PAGE = 5

const STATUS_TABS: { value: WalletStatus | "all"; label: string }[] = [
  { value: "all", label: "All" },
  { value: "unused", label: "Unused" },
  { value: "expiring_soon", label: "Expiring soon" },
  { value: "used", label: "Used" },
  { value: "expired", label: "Expired" },
]

const columnHelper = createDataTableColumnHelper<WalletCoupon>()

const columns = [
  columnHelper.accessor("code", {
    header: "Coupon",
    cell: ({ row }) => (
      <div className="flex flex-col py-1">
        <Link to={`/coupons/${row.original.coupon_id}`} className="text-ui-fg-interactive font-mono hover:underline">
          {row.original.code}
        </Link>
        <span className="text-ui-fg-subtle txt-compact-xsmall">{row.original.title}</span>
      </div>
    ),
  }),
  columnHelper.display({ id: "discount", header: "Discount", cell: ({ row }) => formatDiscount(row.original) }),
  columnHelper.accessor("status", { header: "Status", cell: ({ getValue }) => <WalletStatusBadge status={getValue()} /> }),
  columnHelper.accessor("received_at", { header: "Received", cell: ({ getValue }) => formatDate(getValue()) }),
  columnHelper.accessor("expires_at", { header: "Expires", cell: ({ getValue }) => formatDate(getValue()) }),
  columnHelper.accessor("used_at", {
    header: "Used",
    cell: ({ row }) =>
      row.original.order_id ? (
        <Link to={`/orders/${row.original.order_id}`} className="text-ui-fg-interactive hover:underline">
          {formatDate(row.original.used_at)}
        </Link>
      ) : (
        "-"
      ),
  }),
]

/** The customer's coupon wallet, assigning a coupon, and the coupon blocklist. */
const CustomerCouponsWidget = ({ data: customer }: { data: Customer }) => {
  const [status, setStatus] = useState<WalletStatus | "all">("all")
  const page = usePaging(PAGE)
  const wallet = useCustomerWallet(customer.id, {
    status: status === "all" ? undefined : status,
    limit: page.limit,
    offset: page.offset,
  })
  const blocked = useBlocklistEntry(customer.id)
  const table = usePagedDataTable(page, {
    data: wallet.data?.coupons ?? [],
    count: wallet.data?.count,
    columns,
    isLoading: wallet.isLoading,
  })
  const counts = wallet.data?.counts

  return (
    <Container className="divide-y p-0" data-testid="customer-coupons-widget">
      <SectionHeader
        title="Coupons"
        subtitle="The customer's coupon wallet."
        actions={
          <>
            <AssignCouponDrawer customerId={customer.id} disabled={Boolean(blocked.data)} />
            {blocked.data ? <UnblockButton customerId={customer.id} /> : <BlockDrawer customer={customer} disabled={blocked.isLoading} />}
          </>
        }
      />
      {blocked.data && (
        <div className="px-6 py-4">
          <Alert variant="warning" data-testid="customer-blocked">
            Blocked from coupons since {formatDate(blocked.data.created_at)}: {blocked.data.reason}
          </Alert>
        </div>
      )}
      <div className="flex flex-wrap gap-2 px-6 py-4" role="tablist" aria-label="Filter the wallet by status">
        {STATUS_TABS.map((tab) => {
          const count =
            tab.value === "all" ? (counts ? counts.unused + counts.used + counts.expired : undefined) : counts?.[tab.value]
          const selected = status === tab.value
          return (
            <button
              key={tab.value}
              type="button"
              role="tab"
              aria-selected={selected}
              data-testid={`wallet-count-${tab.value}`}
              onClick={() => {
                setStatus(tab.value)
                page.toFirstPage()
              }}
              className={clx(
                "txt-compact-small-plus focus-visible:shadow-borders-focus rounded-full px-3 py-1 outline-none transition-fg",
                selected ? "bg-ui-bg-base text-ui-fg-base shadow-elevation-card-rest" : "text-ui-fg-subtle hover:text-ui-fg-base"
              )}
            >
              {tab.label} {wallet.isLoading ? "…" : formatNumber(count ?? 0)}
            </button>
          )
        })}
      </div>
      {wallet.error ? (
        <ErrorState inline title="Could not load the wallet" error={wallet.error} onRetry={() => wallet.refetch()} />
      ) : (
        <PagedTable
          table={table}
          emptyState={{
            empty: { heading: "No coupons", description: "Assign a coupon, or the customer can claim one with a code." },
            filtered: { heading: "No coupons with this status" },
          }}
        />
      )}
    </Container>
  )
}

const AssignCouponDrawer = ({ customerId, disabled }: { customerId: string; disabled: boolean }) => {
  const [open, setOpen] = useState(false)
  const [picked, setPicked] = useState<string>("")
  const [error, setError] = useState<string | null>(null)
  const assign = useAssignCoupon(customerId)

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (!picked) {
      setError("Choose a coupon to give.")
      return
    }
    try {
      await assign.mutateAsync(picked)
      toast.success("Coupon added to the wallet")
      setOpen(false)
      setPicked("")
      setError(null)
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <FormDrawer
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button size="small" variant="secondary" disabled={disabled}>
          Assign coupon
        </Button>
      }
      title="Assign a coupon"
      description="Add a coupon to this customer's wallet."
      onSubmit={submit}
      submitLabel="Assign"
      isPending={assign.isPending}
    >
      <Text size="small" className="text-ui-fg-subtle">
        Adds the coupon to this customer's wallet. Coupons with serial codes give the customer a free code of their own.
      </Text>
      <CouponPicker id="assign-search" value={picked} onChange={(v) => { setPicked(v); setError(null) }} error={error ?? undefined} autoFocus />
    </FormDrawer>
  )
}

const BlockDrawer = ({ customer, disabled }: { customer: Customer; disabled: boolean }) => {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState("")
  const [error, setError] = useState<string | null>(null)
  const block = useBlockCustomer(customer.id)
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    try {
      await block.mutateAsync(reason)
      toast.success("Customer blocked from coupons")
      setOpen(false)
      setReason("")
      setError(null)
    } catch (err) {
      setError(errorMessage(err).replace(/^Invalid request:\s*/, ""))
    }
  }
  return (
    <FormDrawer
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button size="small" variant="secondary" disabled={disabled}>
          Block
        </Button>
      }
      title={`Block ${customer.email} from coupons`}
      description="Bar the customer from using coupons, with a reason."
      onSubmit={submit}
      submitLabel="Block"
      submitVariant="danger"
      isPending={block.isPending}
    >
      <Alert variant="warning">Every unused coupon in the wallet is voided. Unblocking later does not bring them back.</Alert>
      <div className="flex flex-col gap-y-2">
        <Label size="small" weight="plus" htmlFor="block-reason">
          Reason
        </Label>
        <Textarea id="block-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(error)} autoFocus />
        {error && (
          <Hint variant="error" role="alert">
            {error}
          </Hint>
        )}
      </div>
    </FormDrawer>
  )
}

const UnblockButton = ({ customerId }: { customerId: string }) => {
  const prompt = usePrompt()
  const unblock = useUnblockCustomer(customerId)
  const onClick = async () => {
    const ok = await prompt({
      title: "Unblock from coupons?",
      description: "The customer can use coupons again. Coupons voided by the block stay voided.",
      confirmText: "Unblock",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (!ok) return
    try {
      await unblock.mutateAsync()
      toast.success("Customer unblocked")
    } catch (err) {
      toast.error(errorMessage(err))
    }
  }
  return (
    <Button size="small" variant="secondary" onClick={onClick} isLoading={unblock.isPending}>
      Unblock
    </Button>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details",
})

export default CustomerCouponsWidget
