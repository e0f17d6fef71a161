import { MedusaError } from "@medusajs/framework/utils"
import { refuse } from "./errors"
import type { Sql } from "./sql-handle"
import { entityIds } from "./lib/entity-id"
import {
  campaignFunnel,
  CampaignFunnel,
  CampaignRecipientStatus,
  contactKey,
  contactLinkDecision,
  perContactLimitMessage,
} from "./lib/campaign"

/**
 * One file for the campaign recipients' SQL: each function is one statement
 * (or one locked read-then-write) on the same table, and they share its
 * status rules; a split by step (issue / redeem / verify) is the natural
 * one if it grows further.
 *
 * Campaign SQL (docs/rules.md §5), run by the coupon module service inside its
 * own connection or transaction (`knex`). The recipient's status only moves
 * forward (sent → opened → redeemed → verified); every change here is a
 * conditional UPDATE, or runs under a row lock, so concurrent page views,
 * double-clicked Redeem buttons and two tills verifying the same code never
 * move it backwards or count twice.
 */

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

/**
 * Records the first view of a coupon page: `opened_at`, and the status
 * `opened` unless the recipient is already further. Later views change
 * nothing. Returns whether this view was the first.
 */
export async function markRecipientOpened(knex: Sql, input: { recipient_id: string; opened_at: Date }): Promise<boolean> {
  const { rows } = await knex.raw(
    `UPDATE coupon_campaign_recipient
        SET opened_at = ?, status = CASE WHEN status = 'sent' THEN 'opened' ELSE status END, updated_at = now()
      WHERE id = ? AND opened_at IS NULL AND deleted_at IS NULL
      RETURNING id`,
    [input.opened_at, input.recipient_id]
  )
  return rows.length === 1
}

/** Undoes markRecipientOpened (compensation). */
export async function unmarkRecipientOpened(knex: Sql, recipientId: string): Promise<void> {
  await knex.raw(
    `UPDATE coupon_campaign_recipient
        SET opened_at = NULL, status = CASE WHEN status = 'opened' THEN 'sent' ELSE status END, updated_at = now()
      WHERE id = ?`,
    [recipientId]
  )
}

export type RecipientRedemption = {
  recipient_id: string
  code: string
  /** The wallet entry the code went into, when a customer redeemed it. */
  wallet_entry_id: string | null
  /** The customer redeeming: the recipient's own, or the one signed in on the page (then linked to the recipient). */
  customer_id: string | null
  redeemed_at: Date
}

/**
 * Marks a recipient redeemed, re-judging under a lock what the workflow
 * checked before writing the wallet entry: all of this contact's recipient
 * rows in the campaign — the same channel and contact id, or the same
 * customer — are locked (in id order, so two redemptions of the same contact
 * queue instead of deadlocking), then the recipient must not be redeemed
 * yet, not belong to another customer, and the contact must be under the
 * per-contact limit.
 */
export async function markRecipientRedeemed(trx: Sql, input: RecipientRedemption): Promise<void> {
  const target = await trx("coupon_campaign_recipient")
    .where({ id: input.recipient_id, deleted_at: null })
    .first("campaign_id", "channel", "contact_id", "customer_id")
  if (!target) {
    throw refuse("not_found", "This coupon link is not valid.")
  }
  const customerId = target.customer_id ?? input.customer_id
  const { rows: contactRows } = await trx.raw(
    `SELECT id, status, customer_id FROM coupon_campaign_recipient
      WHERE campaign_id = ? AND deleted_at IS NULL
        AND ((channel = ? AND contact_id = ?) OR (?::text IS NOT NULL AND customer_id = ?))
      ORDER BY id FOR UPDATE`,
    [target.campaign_id, target.channel, target.contact_id, customerId, customerId]
  )
  const self = contactRows.find((r: { id: string }) => r.id === input.recipient_id)
  if (self.status === "redeemed" || self.status === "verified") {
    throw refuse("not_allowed", "This coupon has already been redeemed.")
  }
  if (self.customer_id && input.customer_id && self.customer_id !== input.customer_id) {
    throw refuse("not_allowed", "This coupon was sent to someone else: it can only be redeemed by the contact it was sent to.")
  }
  const campaign = await trx("coupon_campaign").where({ id: target.campaign_id }).first("per_contact_limit")
  const redeemed = contactRows.filter((r: { status: string }) => r.status === "redeemed" || r.status === "verified").length
  if (redeemed >= campaign.per_contact_limit) {
    throw refuse("customer_limit_reached", perContactLimitMessage(campaign.per_contact_limit), {
      per_contact_limit: campaign.per_contact_limit,
    })
  }
  await trx("coupon_campaign_recipient").where({ id: input.recipient_id }).update({
    status: "redeemed",
    code: input.code,
    wallet_entry_id: input.wallet_entry_id,
    customer_id: customerId,
    redeemed_at: input.redeemed_at,
    updated_at: trx.fn.now(),
  })
}

/**
 * Undoes markRecipientRedeemed (compensation): back to opened, or sent when
 * never viewed, and back to the customer it had before (none for a contact
 * whose redemption linked the signed-in customer).
 */
export async function unmarkRecipientRedeemed(
  knex: Sql,
  input: { recipient_id: string; customer_id: string | null }
): Promise<void> {
  await knex.raw(
    `UPDATE coupon_campaign_recipient
        SET status = CASE WHEN opened_at IS NULL THEN 'sent' ELSE 'opened' END,
            code = NULL, wallet_entry_id = NULL, redeemed_at = NULL, customer_id = ?, updated_at = now()
      WHERE id = ? AND status = 'redeemed'`,
    [input.customer_id, input.recipient_id]
  )
}

/**
 * A contact who redeemed without a store account later opens the page signed
 * in: the coupon goes to their wallet too. Links the customer to the
 * recipient only if it has none yet (a conditional UPDATE: two tabs cannot
 * link two customers). Returns whether this call linked it.
 */
export async function linkRecipientCustomer(
  knex: Sql,
  input: { recipient_id: string; customer_id: string; wallet_entry_id: string }
): Promise<boolean> {
  const { rows } = await knex.raw(
    `UPDATE coupon_campaign_recipient SET customer_id = ?, wallet_entry_id = ?, updated_at = now()
      WHERE id = ? AND customer_id IS NULL AND status IN ('redeemed', 'verified') AND deleted_at IS NULL
      RETURNING id`,
    [input.customer_id, input.wallet_entry_id, input.recipient_id]
  )
  return rows.length === 1
}

/**
 * Hands a serial code a campaign contact holds (coupon_code.campaign_recipient_id)
 * to the customer now taking it into their wallet, only while it is unused
 * and in no wallet; `undo` gives it back to the contact alone (compensation).
 * The recipient id stays on the code: it says which contact it came from.
 * Returns whether it moved (false for a shared code: nothing to move).
 */
export async function handContactSerialCode(
  knex: Sql,
  input: { code: string; recipient_id: string; customer_id: string; undo?: boolean }
): Promise<boolean> {
  const moved = await knex("coupon_code")
    .where({ code: input.code, campaign_recipient_id: input.recipient_id, deleted_at: null })
    .where("customer_id", input.undo ? input.customer_id : null)
    .where("usage_count", 0)
    .update({ customer_id: input.undo ? null : input.customer_id, updated_at: knex.fn.now() })
  return moved === 1
}

/** Undoes linkRecipientCustomer (compensation). */
export async function unlinkRecipientCustomer(knex: Sql, recipientId: string): Promise<void> {
  await knex.raw(
    `UPDATE coupon_campaign_recipient SET customer_id = NULL, wallet_entry_id = NULL, updated_at = now() WHERE id = ?`,
    [recipientId]
  )
}

export type VerifyInput = {
  code: string
  customer_id?: string | null
  channel?: string | null
  contact_id?: string | null
  verified_at: Date
}

/**
 * Point-of-sale verification: marks the recipient holding `code` verified.
 * A shared code can be held by several contacts; `customer_id`, or
 * `channel` and `contact_id`, then say whose coupon is at the till. Returns
 * the verified recipient's id, or null when no recipient ever redeemed the
 * code (the caller tells an unknown code from one not redeemed yet).
 */
export async function verifyRecipient(trx: Sql, input: VerifyInput): Promise<string | null> {
  const holders: {
    id: string
    customer_id: string | null
    channel: string
    contact_id: string
    status: string
    verified_at: Date | null
  }[] = await trx("coupon_campaign_recipient")
    .where({ code: input.code, deleted_at: null })
    .modify((q: any) => (input.customer_id ? q.where({ customer_id: input.customer_id }) : q))
    .modify((q: any) => (input.channel ? q.where({ channel: input.channel }) : q))
    .modify((q: any) => (input.contact_id ? q.where({ contact_id: input.contact_id }) : q))
    .whereIn("status", ["redeemed", "verified"])
    .orderBy([{ column: "redeemed_at" }, { column: "id" }])
    .forUpdate()
    .select("id", "customer_id", "channel", "contact_id", "status", "verified_at")
  if (!holders.length) return null
  const pending = holders.filter((h) => h.status === "redeemed")
  if (!pending.length) {
    const last = holders.map((h) => new Date(h.verified_at!)).sort((a, b) => b.getTime() - a.getTime())[0]
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Coupon code ${input.code} has already been verified (on ${last.toISOString()}).`
    )
  }
  // The same person: one customer, or one contact without an account.
  const holdersOf = new Set(pending.map((h) => h.customer_id ?? `${h.channel}:${h.contact_id}`))
  if (holdersOf.size > 1) {
    const allCustomers = pending.every((h) => h.customer_id)
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      allCustomers
        ? `Coupon code ${input.code} was redeemed by ${holdersOf.size} customers and is not verified yet for any of them: give customer_id to say whose coupon this is.`
        : `Coupon code ${input.code} was redeemed by ${holdersOf.size} contacts and is not verified yet for any of them: give channel and contact_id (or customer_id) to say whose coupon this is.`
    )
  }
  const [recipient] = pending
  await trx("coupon_campaign_recipient")
    .where({ id: recipient.id })
    .update({ status: "verified", verified_at: input.verified_at, updated_at: trx.fn.now() })
  return recipient.id
}

/** Undoes verifyRecipient (compensation). */
export async function unverifyRecipient(knex: Sql, recipientId: string): Promise<void> {
  await knex.raw(
    `UPDATE coupon_campaign_recipient SET status = 'redeemed', verified_at = NULL, updated_at = now()
      WHERE id = ? AND status = 'verified'`,
    [recipientId]
  )
}
