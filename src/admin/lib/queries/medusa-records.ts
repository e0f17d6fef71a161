/** Medusa's own records the coupon pages pick or name: products, categories, orders, customers, coupons to pick, named records, store currencies. */
import { useQuery } from "@tanstack/react-query"
import { get } from "./http"
import type { CouponListResponse } from "../types"

/**
 * Medusa records by id, one request for all the ids a page shows (chips of a
 * picker, rows of a table): `key` is the list's name in Medusa's answer.
 */
const useRecordsByIds = <T>(path: string, key: string, fields: string, ids: string[]) =>
  useQuery({
    queryKey: ["coupon-records", path, fields, ids],
    queryFn: () => get<Record<string, T[]>>(path, { id: ids, limit: ids.length, fields }).then((r) => r[key] ?? []),
    enabled: ids.length > 0,
  })

/** A search over Medusa records by Medusa's `q`, the first `limit` matches. */
const searchRecords =
  <T>(path: string, key: string, fields: string, limit = 20) =>
  (q: string) =>
    get<Record<string, T[]>>(path, { q: q || undefined, limit, fields }).then((r) => r[key] ?? [])

export type ProductOption = { id: string; title: string; thumbnail: string | null }
export type CategoryOption = { id: string; name: string; parent_category_id: string | null }
export type NamedRecord = { id: string; name: string }

const PRODUCT_FIELDS = "id,title,thumbnail"
const CATEGORY_FIELDS = "id,name,parent_category_id"
const CUSTOMER_FIELDS = "id,email,first_name,last_name"
const ORDER_FIELDS =
  "id,display_id,email,customer_id,items.id,items.title,items.variant_title,items.quantity," +
  "items.adjustments.amount,items.adjustments.description,items.adjustments.provider_id"

export const searchProducts = searchRecords<ProductOption>("/admin/products", "products", PRODUCT_FIELDS)

export const searchCategories = searchRecords<CategoryOption>("/admin/product-categories", "product_categories", CATEGORY_FIELDS)

export const useProductsByIds = (ids: string[]) => useRecordsByIds<ProductOption>("/admin/products", "products", PRODUCT_FIELDS, ids)

export const useCategoriesByIds = (ids: string[]) =>
  useRecordsByIds<CategoryOption>("/admin/product-categories", "product_categories", CATEGORY_FIELDS, ids)

export type OrderSummary = {
  id: string
  display_id: number
  email: string | null
  customer_id: string | null
  items: {
    id: string
    title: string
    variant_title?: string | null
    quantity: number
    adjustments?: { amount: number; description: string | null; provider_id: string | null }[]
  }[]
}

/** The orders of a page of redemptions, for their number and line titles. */
export const useOrdersByIds = (ids: string[]) => useRecordsByIds<OrderSummary>("/admin/orders", "orders", ORDER_FIELDS, ids)

export type CustomerSummary = { id: string; email: string; first_name: string | null; last_name: string | null }

export const useCustomersByIds = (ids: string[]) => useRecordsByIds<CustomerSummary>("/admin/customers", "customers", CUSTOMER_FIELDS, ids)

export const searchCustomers = searchRecords<CustomerSummary>("/admin/customers", "customers", CUSTOMER_FIELDS)

export const searchCoupons = (q: string) =>
  get<CouponListResponse>("/admin/coupons", { q: q || undefined, limit: 10, order: "-created_at" }).then((r) => r.coupons)

/** Id → name of records that have a name (customer groups, sales channels, regions). */
export const useMedusaRecordNames = (path: string, key: string, ids: string[]) => {
  const records = useRecordsByIds<NamedRecord>(path, key, "id,name", ids)
  return { ...records, data: records.data && Object.fromEntries(records.data.map((x) => [x.id, x.name])) }
}

/** A search over records that have a name, as picker options. */
export const searchMedusaRecords = (path: string, key: string) => {
  const search = searchRecords<NamedRecord>(path, key, "id,name")
  return (q: string) => search(q).then((records) => records.map((x) => ({ id: x.id, label: x.name })))
}

/** The store's currencies, for the coupon's currency select (default first). */
export const useStoreCurrencies = () =>
  useQuery({
    queryKey: ["coupon-store-currencies"],
    queryFn: () =>
      get<{ stores: { supported_currencies: { currency_code: string; is_default: boolean }[] }[] }>("/admin/stores", {
        fields: "id,supported_currencies.currency_code,supported_currencies.is_default",
      }).then((r) =>
        (r.stores[0]?.supported_currencies ?? [])
          .slice()
          .sort((a, b) => Number(b.is_default) - Number(a.is_default))
          .map((c) => c.currency_code)
      ),
  })
