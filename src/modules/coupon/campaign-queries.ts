/*
 * Sending a campaign in SQL: issuing recipients (customers or contacts, with
 * their links) and the funnel counts. A recipient's later steps are in
 * campaign-recipient-queries.ts.
 *
 * Campaign SQL (docs/rules.md §5), run by the coupon module service inside its
 * own connection or transaction (`knex`). The recipient's status only moves
 * forward (sent → opened → redeemed → verified); every change here is a
 * conditional UPDATE, or runs under a row lock, so concurrent page views,
 * double-clicked Redeem buttons and two tills verifying the same code never
 * move it backwards or count twice.
 */
import type { Sql } from "./sql-handle"
import { entityIds } from "./lib/entity-id"
import {
  campaignFunnel,
  CampaignFunnel,
  CampaignRecipientStatus,
  contactKey,
  contactLinkDecision,
} from "./lib/campaign"

export type CampaignFunnels = { funnel: CampaignFunnel; funnel_by_channel: Record<string, CampaignFunnel> }

/** Funnel counts per campaign, in all and per channel (every id asked for is present). */
export async function campaignFunnels(knex: Sql, campaignIds: string[]): Promise<Record<string, CampaignFunnels>> {
  const funnels: Record<string, CampaignFunnels> = {}
  if (!campaignIds.length) return funnels
  const { rows } = await knex.raw(
    `SELECT campaign_id, channel, status, count(*)::int AS count
       FROM coupon_campaign_recipient
      WHERE campaign_id = ANY(?) AND deleted_at IS NULL
      GROUP BY campaign_id, channel, status`,
    [campaignIds]
  )
  const counts = new Map<string, { all: Record<string, number>; channels: Record<string, Record<string, number>> }>()
  for (const row of rows as { campaign_id: string; channel: string; status: string; count: number }[]) {
    const c = counts.get(row.campaign_id) ?? { all: {}, channels: {} }
    c.all[row.status] = (c.all[row.status] ?? 0) + row.count
    c.channels[row.channel] = { ...c.channels[row.channel], [row.status]: row.count }
    counts.set(row.campaign_id, c)
  }
  for (const id of campaignIds) {
    const c = counts.get(id) ?? { all: {}, channels: {} }
    funnels[id] = {
      funnel: campaignFunnel(c.all),
      funnel_by_channel: Object.fromEntries(
        Object.keys(c.channels)
          .sort()
          .map((channel) => [channel, campaignFunnel(c.channels[channel])])
      ),
    }
  }
  return funnels
}

export type RecipientToIssue = {
  channel: string
  contact_id: string
  contact_name: string | null
  customer_id: string | null
  token: string
}

export type IssuedRecipient = {
  id: string
  campaign_id: string
  channel: string
  contact_id: string
  contact_name: string | null
  customer_id: string | null
  token: string
  status: CampaignRecipientStatus
  sent_at: Date
  /** false when an earlier link of the contact was returned instead of a new one. */
  created: boolean
  /** An earlier link this call linked to the contact's customer. */
  linked: boolean
  limit_reached: boolean
}

const RECIPIENT_COLUMNS = [
  "id",
  "campaign_id",
  "channel",
  "contact_id",
  "contact_name",
  "customer_id",
  "token",
  "status",
  "sent_at",
]

/**
 * Writes the campaign's recipients, in the order given. With `reuse_open_links`
 * (a contact's link issued on demand) each contact's earlier links decide
 * (contactLinkDecision): an unredeemed link is returned again, a new one is
 * made only while the contact is under the per-contact limit; an open link
 * without a customer is linked to the customer now named. The contacts
 * are locked for the transaction (advisory locks, in key order) so a bot
 * asking twice at once still gets one link. Without it (a campaign sent to
 * customers) every contact gets a new link.
 */
export async function issueRecipients(
  trx: Sql,
  input: { campaign_id: string; per_contact_limit: number; reuse_open_links: boolean; sent_at: Date; recipients: RecipientToIssue[] }
): Promise<IssuedRecipient[]> {
  const existing = new Map<string, IssuedRecipient[]>()
  if (input.reuse_open_links && input.recipients.length) {
    const keys = [...new Set(input.recipients.map((r) => JSON.stringify([input.campaign_id, r.channel, r.contact_id])))].sort()
    await trx.raw(`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(?::text[]) AS k ORDER BY k`, [keys])
    const rows: IssuedRecipient[] = await trx.raw(
      `SELECT ${RECIPIENT_COLUMNS.join(", ")} FROM coupon_campaign_recipient
        WHERE campaign_id = ? AND deleted_at IS NULL
          AND (channel, contact_id) IN (SELECT * FROM unnest(?::text[], ?::text[]))
        ORDER BY sent_at DESC, id DESC`,
      [input.campaign_id, input.recipients.map((r) => r.channel), input.recipients.map((r) => r.contact_id)]
    ).then((r: any) => r.rows)
    for (const row of rows) existing.set(contactKey(row), [...(existing.get(contactKey(row)) ?? []), row])
  }
  const ids = entityIds("ccrec", input.recipients.length)
  const answer: IssuedRecipient[] = []
  const toInsert: Record<string, unknown>[] = []
  const toLink: { id: string; customer_id: string; contact_name: string | null }[] = []
  input.recipients.forEach((r, i) => {
    const links = existing.get(contactKey(r)) ?? []
    const decision = input.reuse_open_links ? contactLinkDecision(links, input.per_contact_limit) : ({ kind: "create" } as const)
    if (decision.kind !== "create") {
      const link = links.find((l) => l.id === decision.id)!
      // A contact who has since got a store account (the bot now names the customer) has the open link linked, so Redeem fills their wallet.
      const linking = decision.kind === "reuse" && !link.customer_id && r.customer_id ? r.customer_id : null
      if (linking) toLink.push({ id: link.id, customer_id: linking, contact_name: r.contact_name ?? link.contact_name })
      answer.push({
        ...link,
        ...(linking ? { customer_id: linking, contact_name: r.contact_name ?? link.contact_name } : {}),
        created: false,
        linked: !!linking,
        limit_reached: decision.kind === "limit_reached",
      })
      return
    }
    const row = {
      id: ids[i],
      campaign_id: input.campaign_id,
      channel: r.channel,
      contact_id: r.contact_id,
      contact_name: r.contact_name,
      customer_id: r.customer_id,
      token: r.token,
      status: "sent" as const,
      sent_at: input.sent_at,
    }
    toInsert.push(row)
    answer.push({ ...row, created: true, linked: false, limit_reached: false })
  })
  for (let i = 0; i < toInsert.length; i += 1000) {
    await trx("coupon_campaign_recipient").insert(toInsert.slice(i, i + 1000))
  }
  for (const l of toLink) {
    await trx("coupon_campaign_recipient")
      .where({ id: l.id, customer_id: null })
      .whereIn("status", ["sent", "opened"])
      .update({ customer_id: l.customer_id, contact_name: l.contact_name, updated_at: trx.fn.now() })
  }
  return answer
}

/** Undoes issueRecipients (compensation): deletes its new rows, unlinks the customers it linked to open links. */
export async function deleteIssuedRecipients(knex: Sql, input: { created: string[]; linked: string[] }): Promise<void> {
  if (input.created.length) await knex("coupon_campaign_recipient").whereIn("id", input.created).delete()
  if (input.linked.length) {
    await knex("coupon_campaign_recipient")
      .whereIn("id", input.linked)
      .whereIn("status", ["sent", "opened"])
      .update({ customer_id: null, updated_at: knex.fn.now() })
  }
}

