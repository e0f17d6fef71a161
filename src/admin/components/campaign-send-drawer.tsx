/** Sending a campaign to customers picked here (contacts: campaign-contacts-drawer.tsx). */
import { Button, Copy, Hint, StatusBadge, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { campaignPhase } from "./campaign-status"
import { FormDrawer } from "./form-drawer"
import { SearchPicker } from "./search-picker"
import { errorMessage } from "../lib/format"
import { searchCustomers, useSendCampaign } from "../lib/queries"
import type { Campaign, SendResult } from "../lib/types"

export const CampaignSendDrawer = ({ campaign }: { campaign: Campaign }) => {
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
