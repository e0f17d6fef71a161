import { MedusaError } from "@medusajs/framework/utils"
import { campaignFunnel, CampaignFunnel, perContactLimitMessage } from "./lib/campaign"
import type { Sql } from "./sql-handle"

/**
 * Campaign SQL (docs/rules.md §5), run by the coupon module service inside its
 * own connection or transaction (`knex`). The recipient's status only moves
 * forward (sent → opened → redeemed → verified); every change here is a
 * conditional UPDATE, or runs under a row lock, so concurrent page views,
 * double-clicked Redeem buttons and two tills verifying the same code never
 * move it backwards or count twice.
 */

/** Funnel counts per campaign (every id asked for is present). */
export async function campaignFunnels(knex: Sql, campaignIds: string[]): Promise<Record<string, CampaignFunnel>> {
  const funnels: Record<string, CampaignFunnel> = {}
  if (!campaignIds.length) return funnels
  const { rows } = await knex.raw(
    `SELECT campaign_id, status, count(*)::int AS count
       FROM coupon_campaign_recipient
      WHERE campaign_id = ANY(?) AND deleted_at IS NULL
      GROUP BY campaign_id, status`,
    [campaignIds]
  )
  const byCampaign = new Map<string, Record<string, number>>()
  for (const row of rows as { campaign_id: string; status: string; count: number }[]) {
    byCampaign.set(row.campaign_id, { ...byCampaign.get(row.campaign_id), [row.status]: row.count })
  }
  for (const id of campaignIds) funnels[id] = campaignFunnel(byCampaign.get(id) ?? {})
  return funnels
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
  wallet_entry_id: string
  redeemed_at: Date
}

/**
 * Marks a recipient redeemed, re-judging under a lock what the workflow
 * checked before writing the wallet entry: all of this contact's recipient
 * rows in the campaign are locked (in id order, so two redemptions of the
 * same contact queue instead of deadlocking), then the recipient must not be
 * redeemed yet and the contact must be under the per-contact limit.
 */
export async function markRecipientRedeemed(trx: Sql, input: RecipientRedemption): Promise<void> {
  const target = await trx("coupon_campaign_recipient")
    .where({ id: input.recipient_id, deleted_at: null })
    .first("campaign_id", "customer_id")
  if (!target) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "This coupon link is not valid.")
  }
  const { rows: contactRows } = await trx.raw(
    `SELECT id, status FROM coupon_campaign_recipient
      WHERE campaign_id = ? AND customer_id = ? AND deleted_at IS NULL
      ORDER BY id FOR UPDATE`,
    [target.campaign_id, target.customer_id]
  )
  const self = contactRows.find((r: { id: string }) => r.id === input.recipient_id)
  if (self.status === "redeemed" || self.status === "verified") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This coupon has already been redeemed.")
  }
  const campaign = await trx("coupon_campaign").where({ id: target.campaign_id }).first("per_contact_limit")
  const redeemed = contactRows.filter((r: { status: string }) => r.status === "redeemed" || r.status === "verified").length
  if (redeemed >= campaign.per_contact_limit) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, perContactLimitMessage(campaign.per_contact_limit))
  }
  await trx("coupon_campaign_recipient").where({ id: input.recipient_id }).update({
    status: "redeemed",
    code: input.code,
    wallet_entry_id: input.wallet_entry_id,
    redeemed_at: input.redeemed_at,
    updated_at: trx.fn.now(),
  })
}

/** Undoes markRecipientRedeemed (compensation): back to opened, or sent when never viewed. */
export async function unmarkRecipientRedeemed(knex: Sql, recipientId: string): Promise<void> {
  await knex.raw(
    `UPDATE coupon_campaign_recipient
        SET status = CASE WHEN opened_at IS NULL THEN 'sent' ELSE 'opened' END,
            code = NULL, wallet_entry_id = NULL, redeemed_at = NULL, updated_at = now()
      WHERE id = ? AND status = 'redeemed'`,
    [recipientId]
  )
}

/**
 * Point-of-sale verification: marks the recipient holding `code` verified.
 * A shared code can be held by several customers; `customer_id` then says
 * whose coupon is at the till. Returns the verified recipient's id, or
 * null when no recipient ever redeemed the code (the caller tells an
 * unknown code from one not redeemed yet).
 */
export async function verifyRecipient(
  trx: Sql,
  input: { code: string; customer_id?: string | null; verified_at: Date }
): Promise<string | null> {
  const holders: { id: string; customer_id: string; status: string; verified_at: Date | null }[] = await trx(
    "coupon_campaign_recipient"
  )
    .where({ code: input.code, deleted_at: null })
    .modify((q: any) => (input.customer_id ? q.where({ customer_id: input.customer_id }) : q))
    .whereIn("status", ["redeemed", "verified"])
    .orderBy([{ column: "redeemed_at" }, { column: "id" }])
    .forUpdate()
    .select("id", "customer_id", "status", "verified_at")
  if (!holders.length) return null
  const pending = holders.filter((h) => h.status === "redeemed")
  if (!pending.length) {
    const last = holders.map((h) => new Date(h.verified_at!)).sort((a, b) => b.getTime() - a.getTime())[0]
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Coupon code ${input.code} has already been verified (on ${last.toISOString()}).`
    )
  }
  const customers = new Set(pending.map((h) => h.customer_id))
  if (customers.size > 1) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Coupon code ${input.code} was redeemed by ${customers.size} customers and is not verified yet for any of them: give customer_id to say whose coupon this is.`
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
