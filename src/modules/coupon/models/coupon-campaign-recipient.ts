import { model } from "@medusajs/framework/utils"
import { CouponCampaign } from "./coupon-campaign"

/**
 * One coupon sent to one contact by a campaign, and how far it got:
 * Sent → Opened (page viewed) → Redeemed (code claimed into the wallet) →
 * Verified (staff confirmed it at the point of sale), with the time of each.
 */
export const CouponCampaignRecipient = model
  .define("coupon_campaign_recipient", {
    id: model.id({ prefix: "ccrec" }).primaryKey(),
    customer_id: model.text(),
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
  ])
