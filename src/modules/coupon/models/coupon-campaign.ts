import { model } from "@medusajs/framework/utils"
import { Coupon } from "./coupon"
import { CouponCampaignRecipient } from "./coupon-campaign-recipient"

/**
 * A chat / e-mail distribution of one coupon (docs/rules.md §5): when it may be
 * sent, how long a received coupon stays valid, how often one contact may
 * redeem, and how its hosted coupon page looks.
 */
export const CouponCampaign = model.define("coupon_campaign", {
  id: model.id({ prefix: "ccamp" }).primaryKey(),
  name: model.text().searchable(),
  instructions: model.text().nullable(),
  send_starts_at: model.dateTime(),
  send_ends_at: model.dateTime(),
  expiry_mode: model.enum(["from_sending", "from_redemption"]).default("from_sending"),
  expiry_days: model.number(),
  per_contact_limit: model.number().default(1),
  image_url: model.text().nullable(),
  background_color: model.text().default("#ffffff"),
  button_color: model.text().default("#111827"),
  button_text_color: model.text().default("#ffffff"),
  barcode_format: model.enum(["QR", "CODE_39", "CODE_128"]).default("QR"),
  coupon: model.belongsTo(() => Coupon, { mappedBy: "campaigns" }),
  recipients: model.hasMany(() => CouponCampaignRecipient, { mappedBy: "campaign" }),
})
