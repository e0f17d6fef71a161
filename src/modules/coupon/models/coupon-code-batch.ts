import { model } from "@medusajs/framework/utils"
import { Coupon } from "./coupon"

/** One generate or CSV-import request for serial codes, polled for progress. */
export const CouponCodeBatch = model.define("coupon_code_batch", {
  id: model.id({ prefix: "cbatch" }).primaryKey(),
  source: model.enum(["generate", "import"]),
  status: model.enum(["pending", "running", "done", "failed"]).default("pending"),
  requested: model.number(),
  created: model.number().default(0),
  prefix: model.text().nullable(),
  length: model.number().nullable(),
  error: model.text().nullable(),
  coupon: model.belongsTo(() => Coupon, { mappedBy: "code_batches" }),
})
