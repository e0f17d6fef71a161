import type { CouponBody } from "../../lib/queries"
import type { Coupon, CurrencyTerms } from "../../lib/types"

/*
 * The coupon form's state: the text of every input (an empty input means
 * "not set"), how it is read from a coupon and how it becomes the request
 * body. The API is the judge of the values: nothing here validates them.
 */

/** The fields of docs/rules.md §7.2 (who, where, how many, what, amounts per currency). */
export const REACH_FIELDS = [
  "target",
  "max_shipping_amount",
  "country_codes",
  "customer_group_ids",
  "min_quantity",
  "sales_channel_ids",
  "region_ids",
  "amounts",
] as const

/** The three tabs, grouped as docs/rules.md §1 and the plan rules group the fields. */
export const TAB_FIELDS = {
  general: [
    "code",
    "title",
    "description",
    "type",
    "amount",
    "percentage",
    "max_discount",
    "currency_code",
    "min_spend",
    "exclude_sale_items",
    "starts_at",
    "ends_at",
    "is_active",
    "allocation",
    "renewal_applicable",
    "validity_days",
    "metadata",
  ],
  restrictions: ["first_order_only", "product_ids", "category_ids", ...REACH_FIELDS],
  usage: ["usage_limit", "usage_limit_per_customer"],
} as const

export type Tab = keyof typeof TAB_FIELDS

export const ALL_FIELDS = Object.values(TAB_FIELDS).flat() as string[]

export const tabOfField = (field: string): Tab | null =>
  (Object.keys(TAB_FIELDS) as Tab[]).find((tab) => (TAB_FIELDS[tab] as readonly string[]).includes(field)) ?? null

export type AmountRow = { currency_code: string; amount: string; min_spend: string; max_discount: string }

export type CouponValues = {
  code: string
  title: string
  description: string
  type: "fixed" | "percentage"
  amount: string
  percentage: string
  max_discount: string
  currency_code: string
  min_spend: string
  exclude_sale_items: boolean
  starts_at: Date | null
  ends_at: Date | null
  is_active: boolean
  allocation: "even" | "proportional"
  renewal_applicable: boolean
  validity_days: string
  first_order_only: boolean
  product_ids: string[]
  category_ids: string[]
  usage_limit: string
  usage_limit_per_customer: string
  target: "items" | "shipping"
  max_shipping_amount: string
  country_codes: string
  customer_group_ids: string[]
  min_quantity: string
  sales_channel_ids: string[]
  region_ids: string[]
  amounts: AmountRow[]
}

const text = (v: number | string | null | undefined) => (v === null || v === undefined ? "" : String(v))

export function valuesOf(coupon?: Coupon): CouponValues {
  return {
    code: coupon?.code ?? "",
    title: coupon?.title ?? "",
    description: coupon?.description ?? "",
    type: coupon?.type ?? "percentage",
    amount: text(coupon?.amount),
    percentage: text(coupon?.percentage),
    max_discount: text(coupon?.max_discount),
    currency_code: coupon?.currency_code ?? "",
    min_spend: text(coupon?.min_spend),
    exclude_sale_items: coupon?.exclude_sale_items ?? false,
    starts_at: coupon?.starts_at ? new Date(coupon.starts_at) : null,
    ends_at: coupon?.ends_at ? new Date(coupon.ends_at) : null,
    is_active: coupon?.is_active ?? true,
    allocation: coupon?.allocation ?? "even",
    renewal_applicable: coupon?.renewal_applicable ?? false,
    validity_days: text(coupon?.validity_days),
    first_order_only: coupon?.first_order_only ?? false,
    product_ids: coupon?.product_ids ?? [],
    category_ids: coupon?.category_ids ?? [],
    usage_limit: text(coupon?.usage_limit),
    usage_limit_per_customer: text(coupon?.usage_limit_per_customer),
    target: coupon?.target ?? "items",
    max_shipping_amount: text(coupon?.max_shipping_amount),
    country_codes: (coupon?.country_codes ?? []).map((c) => c.toUpperCase()).join(", "),
    customer_group_ids: coupon?.customer_group_ids ?? [],
    min_quantity: text(coupon?.min_quantity),
    sales_channel_ids: coupon?.sales_channel_ids ?? [],
    region_ids: coupon?.region_ids ?? [],
    amounts: (coupon?.amounts ?? []).map((a: CurrencyTerms) => ({
      currency_code: a.currency_code,
      amount: text(a.amount),
      min_spend: text(a.min_spend),
      max_discount: text(a.max_discount),
    })),
  }
}

// An empty input means "not set". Anything else goes to the API as typed (a
// number, or the text when it is not one) so that the API names the field.
const numberOrNull = (v: string): number | null => {
  const trimmed = v.trim()
  if (trimmed === "") return null
  const n = Number(trimmed)
  return (Number.isNaN(n) ? trimmed : n) as number
}

/** The request body the form stands for (the API validates it and names a bad field). */
export function bodyOf(v: CouponValues): CouponBody {
  const percentage = v.type === "percentage"
  const shipping = v.target === "shipping"
  return {
    code: v.code.trim() === "" ? null : v.code.trim(),
    title: v.title,
    description: v.description.trim() === "" ? null : v.description,
    type: v.type,
    amount: percentage ? null : numberOrNull(v.amount),
    percentage: percentage ? numberOrNull(v.percentage) : null,
    max_discount: percentage ? numberOrNull(v.max_discount) : null,
    currency_code: v.currency_code || null,
    min_spend: numberOrNull(v.min_spend),
    exclude_sale_items: v.exclude_sale_items,
    starts_at: v.starts_at ? v.starts_at.toISOString() : null,
    ends_at: v.ends_at ? v.ends_at.toISOString() : null,
    is_active: v.is_active,
    allocation: v.allocation,
    renewal_applicable: v.renewal_applicable,
    validity_days: numberOrNull(v.validity_days),
    first_order_only: v.first_order_only,
    product_ids: v.product_ids,
    category_ids: v.category_ids,
    usage_limit: numberOrNull(v.usage_limit),
    usage_limit_per_customer: numberOrNull(v.usage_limit_per_customer),
    target: v.target,
    max_shipping_amount: shipping ? numberOrNull(v.max_shipping_amount) : null,
    country_codes: shipping
      ? v.country_codes
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((c) => c.toLowerCase())
      : [],
    customer_group_ids: v.customer_group_ids,
    min_quantity: numberOrNull(v.min_quantity),
    sales_channel_ids: v.sales_channel_ids,
    region_ids: v.region_ids,
    amounts: v.amounts.length
      ? v.amounts.map((a) => ({
          currency_code: a.currency_code,
          amount: numberOrNull(a.amount),
          min_spend: numberOrNull(a.min_spend),
          max_discount: numberOrNull(a.max_discount),
        }))
      : null,
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** On edit only what changed is sent: the plan rules judge only changed fields. */
export function changesOf(initial: CouponBody, next: CouponBody): CouponBody {
  return Object.fromEntries(
    Object.entries(next).filter(([key, value]) => !same(value, (initial as Record<string, unknown>)[key]))
  ) as CouponBody
}

/** On the basic plan a new coupon sends no restriction or usage field at all. */
export function withoutUnusedAdvanced(body: CouponBody, locked: boolean): CouponBody {
  if (!locked) return body
  const { first_order_only: _f, product_ids: _p, category_ids: _c, usage_limit: _u, usage_limit_per_customer: _upc, ...rest } = body
  for (const field of REACH_FIELDS) delete (rest as Record<string, unknown>)[field]
  return rest
}
