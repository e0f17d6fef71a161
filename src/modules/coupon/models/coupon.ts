import { model } from "@medusajs/framework/utils"
import { CouponRedemption } from "./coupon-redemption"
import { CouponWalletEntry } from "./coupon-wallet-entry"
import { CouponCodeBatch } from "./coupon-code-batch"
import { CouponCart } from "./coupon-cart"
import { CouponCampaign } from "./coupon-campaign"

/**
 * A coupon definition (docs/rules.md §1). Money fields are Medusa big numbers in
 * major units of `currency_code`; they are converted to minor units before any
 * split, comparison or rounding.
 */
export const Coupon = model
  .define("coupon", {
    id: model.id({ prefix: "coup" }).primaryKey(),
    // The shared code typed at checkout, stored upper-case so the unique index
    // is case-insensitive. Null for coupons handed out only as serial codes.
    code: model.text().searchable().nullable(),
    title: model.text().searchable(),
    description: model.text().nullable(),
    type: model.enum(["fixed", "percentage"]),
    amount: model.bigNumber().nullable(),
    percentage: model.bigNumber().nullable(),
    max_discount: model.bigNumber().nullable(),
    currency_code: model.text().nullable(),
    min_spend: model.bigNumber().nullable(),
    starts_at: model.dateTime().nullable(),
    ends_at: model.dateTime().nullable(),
    is_active: model.boolean().default(true),
    first_order_only: model.boolean().default(false),
    exclude_sale_items: model.boolean().default(false),
    product_ids: model.array().default([]),
    category_ids: model.array().default([]),
    usage_limit: model.number().nullable(),
    usage_limit_per_customer: model.number().nullable(),
    // Redemptions (held or completed) counted against usage_limit. Kept on the
    // row so that completion can claim a use with one conditional UPDATE.
    usage_count: model.number().default(0),
    renewal_applicable: model.boolean().default(false),
    allocation: model.enum(["even", "proportional"]).default("even"),
    validity_days: model.number().nullable(),
    // docs/rules.md §7.2. `items` (the rules above) or `shipping`: the discount
    // goes to the cart's shipping methods instead of its lines.
    target: model.enum(["items", "shipping"]).default("items"),
    // Shipping coupons: a method priced above this is not discounted.
    max_shipping_amount: model.bigNumber().nullable(),
    // Shipping coupons: shipping address countries (ISO 3166 alpha-2, lower
    // case); empty = any country.
    country_codes: model.array().default([]),
    // Medusa customer groups whose members may use the coupon; empty = anyone.
    customer_group_ids: model.array().default([]),
    // Eligible units the cart must hold.
    min_quantity: model.number().nullable(),
    // Per-currency amount / min spend / cap: [{ currency_code, amount?,
    // min_spend?, max_discount? }] in major units. Null = the one currency of
    // currency_code (or any currency for a percentage coupon without one).
    amounts: model.json().nullable(),
    // Where the coupon works; empty = every sales channel / region.
    sales_channel_ids: model.array().default([]),
    region_ids: model.array().default([]),
    metadata: model.json().nullable(),
    redemptions: model.hasMany(() => CouponRedemption, { mappedBy: "coupon" }),
    wallet_entries: model.hasMany(() => CouponWalletEntry, {
      mappedBy: "coupon",
    }),
    code_batches: model.hasMany(() => CouponCodeBatch, { mappedBy: "coupon" }),
    carts: model.hasMany(() => CouponCart, { mappedBy: "coupon" }),
    campaigns: model.hasMany(() => CouponCampaign, { mappedBy: "coupon" }),
  })
  // Serial codes (coupon_code.coupon_id) are no ORM relation: a coupon may
  // own a million, and deleteCouponsWorkflow withdraws them with one UPDATE
  // (withdrawCouponCodesStep).
  .cascades({ delete: ["code_batches"] })
  .indexes([
    {
      name: "IDX_coupon_code_unique",
      on: ["code"],
      unique: true,
      where: "deleted_at IS NULL AND code IS NOT NULL",
    },
    { name: "IDX_coupon_is_active", on: ["is_active"], where: "deleted_at IS NULL" },
  ])
