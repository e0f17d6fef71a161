import { Button, Copy, Hint, Label, StatusBadge, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { parseContactLines } from "../lib/contacts"
import { errorMessage } from "../lib/format"
import { downloadCampaignLinksCsv, useIssueCampaignLinks } from "../lib/queries"
import type { Campaign, CampaignContact, IssueLinksResult } from "../lib/types"
import { FormDrawer } from "./form-drawer"

/**
 * Sends the campaign to chat contacts (LINE, Facebook, WhatsApp, SMS, …)
 * pasted or uploaded as `channel,contact_id,name,customer_id` lines, and
 * shows each contact's coupon page link to copy, or all of them as CSV for a
 * bulk sending tool. A contact's unredeemed link is given again, never
 * twice, so sending the same list again is safe.
 */
export const CampaignContactsDrawer = ({ campaign, disabled }: { campaign: Campaign; disabled: boolean }) => {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [sent, setSent] = useState<{ contacts: CampaignContact[]; result: IssueLinksResult } | null>(null)
  const issue = useIssueCampaignLinks(campaign.id)

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const { contacts, errors } = parseContactLines(text)
    if (errors.length || !contacts.length) {
      setError(errors.length ? errors.slice(0, 5).join(" ") : "Paste or upload at least one contact.")
      return
    }
    try {
      const result = await issue.mutateAsync(contacts)
      setSent({ contacts, result })
      setError(null)
      const created = result.links.filter((l) => l.created).length
      toast.success(`${created} new link${created === 1 ? "" : "s"}, ${result.links.length - created} given again`)
    } catch (err) {
      setError(errorMessage(err).replace(/^Invalid request:\s*/, ""))
    }
  }

  const upload = async (file: File | undefined) => {
    if (!file) return
    setText(await file.text())
    setError(null)
  }

  return (
    <FormDrawer
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) setSent(null)
      }}
      trigger={
        <Button size="small" variant="secondary" disabled={disabled} title={disabled ? "Only inside the sending period" : undefined}>
          Send to contacts
        </Button>
      }
      title={`Send ${campaign.name} to contacts`}
      description="Send the campaign's coupon page to chat contacts."
      onSubmit={submit}
      closeLabel="Close"
      submitLabel="Get links"
      isPending={issue.isPending}
    >
      <Text size="small" className="text-ui-fg-subtle">
        One contact a line: channel, contact id, and optionally a name and a customer ID (e.g. <code>line,U4af4980629,Aiko</code>).
        Contacts on a channel with a notification provider get the link sent; for the others, copy the links into your chat tool.
      </Text>
      <div className="flex flex-col gap-y-1">
        <Label size="small" weight="plus" htmlFor="campaign-contacts">
          Contacts
        </Label>
        <Textarea id="campaign-contacts" rows={8} value={text} onChange={(e) => setText(e.target.value)} placeholder="channel,contact_id,name,customer_id" />
        <input
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-label="Upload a contacts CSV"
          className="txt-compact-small"
          onChange={(e) => upload(e.target.files?.[0])}
        />
      </div>
      {error && (
        <Hint variant="error" role="alert">
          {error}
        </Hint>
      )}
      {sent && (
        <div className="flex flex-col gap-y-2" data-testid="contact-links">
          <div className="flex items-center justify-between">
            <Text size="small" weight="plus">
              {sent.result.links.length} link{sent.result.links.length === 1 ? "" : "s"}
              {sent.result.skipped.length ? `, skipped ${sent.result.skipped.length}` : ""}
            </Text>
            <Button
              size="small"
              variant="secondary"
              type="button"
              onClick={() => downloadCampaignLinksCsv(campaign.id, sent.contacts).catch((err) => toast.error(errorMessage(err)))}
            >
              Download CSV
            </Button>
          </div>
          <ul className="flex flex-col gap-y-1">
            {sent.result.links.map((l) => (
              <li key={l.id} className="txt-compact-small flex items-center gap-x-2">
                <StatusBadge color="grey">{l.channel}</StatusBadge>
                <span className="truncate">{l.name ?? l.contact_id}</span>
                <Copy content={l.coupon_url} aria-label={`Copy ${l.contact_id}'s coupon page link`} />
                <a href={l.coupon_url} target="_blank" rel="noreferrer" className="text-ui-fg-interactive hover:underline">
                  page
                </a>
                {l.limit_reached && <StatusBadge color="orange">At the limit</StatusBadge>}
                {l.notification_status === "failure" && <StatusBadge color="red">Message failed</StatusBadge>}
              </li>
            ))}
            {sent.result.skipped.map((s) => (
              <li key={`${s.channel}:${s.contact_id}`} className="txt-compact-small text-ui-fg-subtle">
                {s.channel} {s.contact_id}: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </FormDrawer>
  )
}
