/** Medusa's own records the coupon pages pick or name: products, categories, orders, customers, coupons to pick, named records, store currencies. */
import { useQuery } from "@tanstack/react-query"
import { get } from "./http"
import type { CouponListResponse } from "../types"

// ---- Medusa's own resources (pickers, names) ----------------------------------

export type ProductOption = { id: string; title: string; thumbnail: string | null }
export type CategoryOption = { id: string; name: string; parent_category_id: string | null }

export const searchProducts = (q: string) =>
  get<{ products: ProductOption[] }>("/admin/products", { q: q || undefined, limit: 20, fields: "id,title,thumbnail" }).then(
    (r) => r.products
  )

export const searchCategories = (q: string) =>
  get<{ product_categories: CategoryOption[] }>("/admin/product-categories", {
    q: q || undefined,
    limit: 20,
    fields: "id,name,parent_category_id",
  }).then((r) => r.product_categories)

export const useProductsByIds = (ids: string[]) =>
  useQuery({
    queryKey: ["coupon-products", ids],
    queryFn: () =>
      get<{ products: ProductOption[] }>("/admin/products", { id: ids, limit: ids.length, fields: "id,title,thumbnail" }).then(
        (r) => r.products
      ),
    enabled: ids.length > 0,
  })

export const useCategoriesByIds = (ids: string[]) =>
  useQuery({
    queryKey: ["coupon-categories", ids],
    queryFn: () =>
      get<{ product_categories: CategoryOption[] }>("/admin/product-categories", {
        id: ids,
        limit: ids.length,
        fields: "id,name,parent_category_id",
      }).then((r) => r.product_categories),
    enabled: ids.length > 0,
  })

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
export const useOrdersByIds = (ids: string[]) =>
  useQuery({
    queryKey: ["coupon-orders", ids],
    queryFn: () =>
      get<{ orders: OrderSummary[] }>("/admin/orders", {
        id: ids,
        limit: ids.length,
        fields:
          "id,display_id,email,customer_id,items.id,items.title,items.variant_title,items.quantity," +
          "items.adjustments.amount,items.adjustments.description,items.adjustments.provider_id",
      }).then((r) => r.orders),
    enabled: ids.length > 0,
  })

export type CustomerSummary = { id: string; email: string; first_name: string | null; last_name: string | null }

export const useCustomersByIds = (ids: string[]) =>
  useQuery({
    queryKey: ["coupon-customers", ids],
    queryFn: () =>
      get<{ customers: CustomerSummary[] }>("/admin/customers", {
        id: ids,
        limit: ids.length,
        fields: "id,email,first_name,last_name",
      }).then((r) => r.customers),
    enabled: ids.length > 0,
  })

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

export const searchCoupons = (q: string) =>
  get<CouponListResponse>("/admin/coupons", { q: q || undefined, limit: 10, order: "-created_at" }).then((r) => r.coupons)

export const searchCustomers = (q: string) =>
  get<{ customers: CustomerSummary[] }>("/admin/customers", {
    q: q || undefined,
    limit: 20,
    fields: "id,email,first_name,last_name",
  }).then((r) => r.customers)

// ---- Medusa records named by id (customer groups, sales channels, regions) --

/** Id → name of Medusa records, for the chips of a picker and the coupon's detail rows. */
export const useMedusaRecordNames = (path: string, key: string, ids: string[]) =>
  useQuery({
    queryKey: ["coupon-reach-names", path, ids],
    queryFn: () =>
      get<Record<string, { id: string; name: string }[]>>(path, { id: ids, limit: ids.length, fields: "id,name" }).then((r) =>
        Object.fromEntries((r[key] ?? []).map((x) => [x.id, x.name]))
      ),
    enabled: ids.length > 0,
  })

/** A search over Medusa records by name, as picker options. */
export const searchMedusaRecords = (path: string, key: string) => (q: string) =>
  get<Record<string, { id: string; name: string }[]>>(path, { q: q || undefined, limit: 20, fields: "id,name" }).then((r) =>
    (r[key] ?? []).map((x) => ({ id: x.id, label: x.name }))
  )
