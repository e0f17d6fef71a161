import { model } from "@medusajs/framework/utils"
import { CouponCampaign } from "./coupon-campaign"

/**
 * One coupon sent to one contact by a campaign, and how far it got:
 * Sent → Opened (page viewed) → Redeemed (code claimed: into the wallet of
 * the linked customer, or only shown on the page to a contact without a
 * store account) → Verified (staff confirmed it at the point of sale), with
 * the time of each.
 *
 * A contact is a channel and an id on it (`line` / `U4af…`, `email` /
 * `ann@example.com`); a store customer sent the campaign is the contact
 * `email` / their address with `customer_id` set. The per-contact limit
 * counts per (campaign, channel, contact_id), and per customer_id when one
 * is linked.
 */
export const CouponCampaignRecipient = model
  .define("coupon_campaign_recipient", {
    id: model.id({ prefix: "ccrec" }).primaryKey(),
    channel: model.text(),
    contact_id: model.text(),
    contact_name: model.text().nullable(),
    customer_id: model.text().nullable(),
    // Unguessable id of the hosted coupon page link.
    token: model.text(),
    status: model.enum(["sent", "opened", "redeemed", "verified"]).default("sent"),
    code: model.text().nullable(),
    wallet_entry_id: model.text().nullable(),
    sent_at: model.dateTime(),
    opened_at: model.dateTime().nullable(),
    redeemed_at: model.dateTime().nullable(),
    verified_at: model.dateTime().nullable(),
    campaign: model.belongsTo(() => CouponCampaign, { mappedBy: "recipients" }),
  })
  .indexes([
    { name: "IDX_coupon_campaign_recipient_token", on: ["token"], unique: true, where: "deleted_at IS NULL" },
    { name: "IDX_coupon_campaign_recipient_customer", on: ["campaign_id", "customer_id"], where: "deleted_at IS NULL" },
    { name: "IDX_coupon_campaign_recipient_code", on: ["code"], where: "deleted_at IS NULL" },
    {
      name: "IDX_coupon_campaign_recipient_contact",
      on: ["campaign_id", "channel", "contact_id"],
      where: "deleted_at IS NULL",
    },
  ])
