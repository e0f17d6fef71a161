/*
 * A campaign recipient's steps in SQL: opened, redeemed, linked to a
 * customer, verified at the till, and the undo of each (compensations).
 *
 * Campaign SQL (docs/rules.md §5), run by the coupon module service inside its
 * own connection or transaction (`knex`). The recipient's status only moves
 * forward (sent → opened → redeemed → verified); every change here is a
 * conditional UPDATE, or runs under a row lock, so concurrent page views,
 * double-clicked Redeem buttons and two tills verifying the same code never
 * move it backwards or count twice.
 */
import { MedusaError } from "@medusajs/framework/utils"
import { refuse } from "./errors"
import type { Sql } from "./sql-handle"
import { perContactLimitMessage } from "./lib/campaign"

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
