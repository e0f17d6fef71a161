import { model } from "@medusajs/framework/utils"
import { Coupon } from "./coupon"
import { CouponCodeBatch } from "./coupon-code-batch"

/**
 * A serial code of a coupon (rules.md §5): a one-time code (`max_uses` 1), or
 * a fixed serial usable `max_uses` times. Codes are stored upper-case so the
 * unique index is case-insensitive. Migration20261123025000 adds the index
 * on (coupon_id, code COLLATE "C") that serial-code lists and searches read.
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
    coupon: model.belongsTo(() => Coupon, { mappedBy: "codes" }),
    batch: model
      .belongsTo(() => CouponCodeBatch, { mappedBy: "codes" })
      .nullable(),
  })
  .indexes([
    {
      name: "IDX_coupon_code_code_unique",
      on: ["code"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    { name: "IDX_coupon_code_customer_id", on: ["customer_id"], where: "deleted_at IS NULL" },
  ])
