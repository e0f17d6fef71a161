import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { MAX_CODE_LENGTH } from "../../../modules/coupon/lib/code-generation"

// Shape and single-field rules. Rules that relate fields to each other, to
// the stored coupon or to the database live in the coupon workflows, so that
// create and update are judged by the same code on the merged result.
const money = (field: string) =>
  z.number({ error: `${field} must be a number in major units (25 = 25.00)` }).min(0, {
    message: `${field} cannot be negative`,
  })

const limit = (field: string) =>
  z
    .number()
    .int({ message: `${field} must be a whole number` })
    .min(1, { message: `${field} must be at least 1; leave it empty for no limit` })

const ids = (field: string) =>
  z.array(z.string().min(1, { message: `${field} cannot contain empty ids` }))

export const couponCodeSchema = z
  .string()
  .trim()
  .min(1, { message: "code cannot be empty" })
  .max(MAX_CODE_LENGTH, { message: `code must be at most ${MAX_CODE_LENGTH} characters` })
  .regex(/^[A-Za-z0-9_-]+$/, {
    message: "code may contain only letters, digits, '-' and '_' (no spaces)",
  })

const currencyCode = (field: string) =>
  z
    .string()
    .regex(/^[a-zA-Z]{3}$/, { message: `${field} must be a 3-letter ISO 4217 code` })
    .transform((c) => c.toLowerCase())

// One currency's terms of a several-currency coupon (docs/rules.md §7.2).
const currencyAmounts = z
  .object({
    currency_code: currencyCode("amounts[].currency_code"),
    amount: money("amounts[].amount").nullable().optional(),
    min_spend: money("amounts[].min_spend").nullable().optional(),
    max_discount: money("amounts[].max_discount").nullable().optional(),
  })
  .strict()

const couponFields = {
  code: couponCodeSchema.nullable(),
  title: z.string().trim().min(1, { message: "title cannot be empty" }).max(200),
  description: z.string().max(2000).nullable(),
  type: z.enum(["fixed", "percentage"], { message: "type must be 'fixed' or 'percentage'" }),
  amount: money("amount").nullable(),
  percentage: z.number().nullable(),
  max_discount: money("max_discount").nullable(),
  currency_code: currencyCode("currency_code").nullable(),
  min_spend: money("min_spend").nullable(),
  starts_at: z.coerce.date({ message: "starts_at must be a date" }).nullable(),
  ends_at: z.coerce.date({ message: "ends_at must be a date" }).nullable(),
  is_active: z.boolean(),
  first_order_only: z.boolean(),
  exclude_sale_items: z.boolean(),
  product_ids: ids("product_ids"),
  category_ids: ids("category_ids"),
  usage_limit: limit("usage_limit").nullable(),
  usage_limit_per_customer: limit("usage_limit_per_customer").nullable(),
  renewal_applicable: z.boolean(),
  allocation: z.enum(["even", "proportional"], {
    message: "allocation must be 'even' or 'proportional'",
  }),
  validity_days: limit("validity_days").nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  target: z.enum(["items", "shipping"], { message: "target must be 'items' or 'shipping'" }),
  max_shipping_amount: money("max_shipping_amount").nullable(),
  country_codes: z.array(
    z
      .string()
      .regex(/^[a-zA-Z]{2}$/, { message: "country_codes must hold 2-letter ISO 3166 country codes (e.g. 'us')" })
      .transform((c) => c.toLowerCase())
  ),
  customer_group_ids: ids("customer_group_ids"),
  min_quantity: limit("min_quantity").nullable(),
  amounts: z.array(currencyAmounts).nullable(),
  sales_channel_ids: ids("sales_channel_ids"),
  region_ids: ids("region_ids"),
}

export const AdminUpdateCoupon = z.object(couponFields).partial().strict()

export type AdminUpdateCouponType = z.infer<typeof AdminUpdateCoupon>

export const AdminCreateCoupon = AdminUpdateCoupon.required({ title: true, type: true })

export type AdminCreateCouponType = z.infer<typeof AdminCreateCoupon>

export const COUPON_STATUSES = ["active", "scheduled", "expired", "disabled"] as const

export const AdminGetCouponsParams = createFindParams({ limit: 20, offset: 0 }).merge(
  z.object({
    q: z.string().optional(),
    status: z
      .enum(COUPON_STATUSES, {
        message: `status must be one of ${COUPON_STATUSES.join(", ")}`,
      })
      .optional(),
  })
)

export type AdminGetCouponsParamsType = z.infer<typeof AdminGetCouponsParams>
