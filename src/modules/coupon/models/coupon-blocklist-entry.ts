import { model } from "@medusajs/framework/utils"

/** A customer barred from coupons (docs/rules.md §6). */
export const CouponBlocklistEntry = model
  .define("coupon_blocklist_entry", {
    id: model.id({ prefix: "cblock" }).primaryKey(),
    customer_id: model.text(),
    reason: model.text(),
  })
  .indexes([
    {
      name: "IDX_coupon_blocklist_customer_unique",
      on: ["customer_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
