import { model } from "@medusajs/framework/utils"

/**
 * A serial code of a coupon (docs/rules.md §5): a one-time code (`max_uses` 1), or
 * a fixed serial usable `max_uses` times. Codes are stored upper-case so the
 * unique index is case-insensitive.
 *
 * Codes are written a million at a time, so the table carries only what
 * reads need (Migrations 20261123050000 and 20261202190000 say what each
 * index cost; the latter drops the `deleted_at` index DML adds by itself):
 * `coupon_id` and `batch_id` are plain columns without foreign keys, and
 * `code` has the "C" collation (DML cannot declare one), which lets the
 * unique index serve lists in code order and prefix searches too. A coupon's
 * codes and a batch's (always looked up with its coupon) are found through a
 * BRIN index on (coupon_id, batch_id) that Migration20261203090000 creates:
 * DML cannot declare its operator class, so it is not listed below.
 */
export const CouponCode = model
  .define("coupon_code", {
    id: model.id({ prefix: "ccode" }).primaryKey(),
    code: model.text().searchable(),
    max_uses: model.number().default(1),
    // Completed or held uses, claimed with a conditional UPDATE at completion.
    usage_count: model.number().default(0),
    // Set when the code sits in one customer's wallet: only they may use it.
    customer_id: model.text().nullable(),
    // Set when a campaign contact without a store account redeemed the code
    // (coupon_campaign_recipient.id): no other contact is given it, and at
    // checkout it is the bearer's. Kept when that contact later takes it into
    // a customer's wallet (customer_id then set too), to say where it came from.
    campaign_recipient_id: model.text().nullable(),
    coupon_id: model.text(),
    batch_id: model.text().nullable(),
  })
  .indexes([
    {
      name: "IDX_coupon_code_code_unique",
      on: ["code"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_coupon_code_customer_id",
      on: ["customer_id"],
      where: "deleted_at IS NULL AND customer_id IS NOT NULL",
    },
    {
      name: "IDX_coupon_code_campaign_recipient_id",
      on: ["campaign_recipient_id"],
      where: "deleted_at IS NULL AND campaign_recipient_id IS NOT NULL",
    },
  ])
