import { couponStatus } from "../../../modules/coupon/lib/coupon-status"

export const COUPON_FIELDS = [
  "id",
  "code",
  "title",
  "description",
  "type",
  "amount",
  "percentage",
  "max_discount",
  "currency_code",
  "min_spend",
  "starts_at",
  "ends_at",
  "is_active",
  "first_order_only",
  "exclude_sale_items",
  "product_ids",
  "category_ids",
  "usage_limit",
  "usage_limit_per_customer",
  "usage_count",
  "renewal_applicable",
  "allocation",
  "validity_days",
  "target",
  "max_shipping_amount",
  "country_codes",
  "customer_group_ids",
  "min_quantity",
  "amounts",
  "sales_channel_ids",
  "region_ids",
  "metadata",
  "created_at",
  "updated_at",
]

export const couponQueryConfig = {
  defaults: COUPON_FIELDS,
  isList: false,
}

export const couponListQueryConfig = {
  defaults: COUPON_FIELDS,
  defaultLimit: 20,
  isList: true,
}

/** Adds what the API derives rather than stores. */
export function presentCoupon<T extends Record<string, any>>(coupon: T, now = new Date()) {
  return "is_active" in coupon ? { ...coupon, status: couponStatus(coupon as any, now) } : coupon
}
