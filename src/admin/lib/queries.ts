/*
 * Every react-query hook of the admin in one place, with the query keys they share, so a
 * mutation can invalidate exactly what it changes. Long because it is a list, not logic.
 */
import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { sdk } from "./sdk"
import type {
  AuditEntry,
  BlocklistEntry,
  Campaign,
  CampaignRecipient,
  CampaignStep,
  SendResult,
  CampaignContact,
  IssueLinksResult,
  CodeBatch,
  Coupon,
  CouponListResponse,
  CouponSettings,
  CouponStats,
  CouponStatus,
  ListResponse,
  OrderCoupon,
  Redemption,
  SerialCode,
  StoreStats,
  WalletResponse,
} from "./types"

/** Every query key of the plugin's pages, so mutations can invalidate what they change. */
export const couponKeys = {
  all: ["coupons"] as const,
  list: (query: Record<string, unknown>) => ["coupons", "list", query] as const,
  statusCounts: ["coupons", "status-counts"] as const,
  storeStats: ["coupons", "store-stats"] as const,
  detail: (id: string) => ["coupons", "detail", id] as const,
  stats: (id: string) => ["coupons", "detail", id, "stats"] as const,
  redemptions: (id: string, query: Record<string, unknown>) => ["coupons", "detail", id, "redemptions", query] as const,
  codes: (id: string, query: Record<string, unknown>) => ["coupons", "detail", id, "codes", query] as const,
  batch: (id: string, batchId: string) => ["coupons", "detail", id, "batch", batchId] as const,
  audit: (id: string, query: Record<string, unknown>) => ["coupons", "detail", id, "audit", query] as const,
  settings: ["coupon-settings"] as const,
  wallet: (customerId: string) => ["coupon-wallet", customerId] as const,
  blocklist: (customerId: string) => ["coupon-blocklist", customerId] as const,
  orderCoupon: (orderId: string) => ["order-coupon", orderId] as const,
  campaigns: ["coupon-campaigns"] as const,
  campaignList: (query: Record<string, unknown>) => ["coupon-campaigns", "list", query] as const,
  campaign: (id: string) => ["coupon-campaigns", "detail", id] as const,
  campaignRedemptions: (id: string, query: Record<string, unknown>) =>
    ["coupon-campaigns", "detail", id, "redemptions", query] as const,
}

const get = <T>(path: string, query?: Record<string, unknown>) =>
  sdk.client.fetch<T>(path, { method: "GET", query })

const post = <T>(path: string, body: Record<string, unknown>) => sdk.client.fetch<T>(path, { method: "POST", body })

const del = <T>(path: string) => sdk.client.fetch<T>(path, { method: "DELETE" })

// ---- coupons -------------------------------------------------------------

export type CouponListQuery = {
  q?: string
  status?: CouponStatus
  order?: string
  limit: number
  offset: number
}

export const useCoupons = (query: CouponListQuery) =>
  useQuery({
    queryKey: couponKeys.list(query),
    queryFn: () => get<CouponListResponse>("/admin/coupons", query),
    placeholderData: keepPreviousData,
  })

export const COUPON_STATUSES: CouponStatus[] = ["active", "scheduled", "expired", "disabled"]

/** One count per status, read as `GET /admin/coupons?status=…&limit=1`. */
export const useCouponStatusCounts = () =>
  useQueries({
    queries: COUPON_STATUSES.map((status) => ({
      queryKey: [...couponKeys.statusCounts, status],
      queryFn: () => get<CouponListResponse>("/admin/coupons", { status, limit: 1, fields: "id" }),
    })),
    combine: (results) => ({
      counts: Object.fromEntries(COUPON_STATUSES.map((s, i) => [s, results[i].data?.count])) as Record<
        CouponStatus,
        number | undefined
      >,
      isLoading: results.some((r) => r.isLoading),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  })

export const useStoreStats = () =>
  useQuery({
    queryKey: couponKeys.storeStats,
    queryFn: () => get<{ stats: StoreStats }>("/admin/coupons/stats").then((r) => r.stats),
  })

export const useCoupon = (id: string) =>
  useQuery({
    queryKey: couponKeys.detail(id),
    queryFn: () => get<{ coupon: Coupon }>(`/admin/coupons/${id}`).then((r) => r.coupon),
    enabled: Boolean(id),
  })

export const useCouponStats = (id: string) =>
  useQuery({
    queryKey: couponKeys.stats(id),
    queryFn: () => get<{ stats: CouponStats }>(`/admin/coupons/${id}/stats`).then((r) => r.stats),
  })

export const useCouponRedemptions = (id: string, query: { limit: number; offset: number }) =>
  useQuery({
    queryKey: couponKeys.redemptions(id, query),
    queryFn: () => get<ListResponse & { redemptions: Redemption[] }>(`/admin/coupons/${id}/redemptions`, query),
    placeholderData: keepPreviousData,
  })

export const useCouponAudit = (id: string, query: { limit: number; offset: number }) =>
  useQuery({
    queryKey: couponKeys.audit(id, query),
    queryFn: () => get<ListResponse & { entries: AuditEntry[] }>(`/admin/coupons/${id}/audit`, query),
    placeholderData: keepPreviousData,
  })

/** The URL of the codes CSV (a plain link: the browser streams it to disk with the session cookie). */
export const couponCodesExportUrl = (id: string, filters: { q?: string; state?: string; batch_id?: string }) => {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])))
  const query = params.toString()
  return `/admin/coupons/${id}/codes/export${query ? `?${query}` : ""}`
}

export const useCouponCodes = (id: string, query: { q?: string; limit: number; offset: number }) =>
  useQuery({
    queryKey: couponKeys.codes(id, query),
    queryFn: () => get<ListResponse & { codes: SerialCode[] }>(`/admin/coupons/${id}/codes`, query),
    placeholderData: keepPreviousData,
  })

const BATCH_POLL_MS = 1000

/** A code batch, polled every second until it is done or failed. */
export const useCodeBatch = (couponId: string, batchId: string | null) =>
  useQuery({
    queryKey: couponKeys.batch(couponId, batchId ?? ""),
    queryFn: () => get<{ batch: CodeBatch }>(`/admin/coupons/${couponId}/code-batches/${batchId}`).then((r) => r.batch),
    enabled: Boolean(batchId),
    refetchInterval: (q) => {
      const status = q.state.data?.status
      return status === "done" || status === "failed" ? false : BATCH_POLL_MS
    },
  })

export type CouponBody = Partial<Omit<Coupon, "id" | "status" | "usage_count" | "created_at" | "updated_at">>

export const useCreateCoupon = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CouponBody) => post<{ coupon: Coupon }>("/admin/coupons", body).then((r) => r.coupon),
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.all }),
  })
}

export const useUpdateCoupon = (id: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CouponBody) => post<{ coupon: Coupon }>(`/admin/coupons/${id}`, body).then((r) => r.coupon),
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.all }),
  })
}

export const useDeleteCoupon = (id: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => del(`/admin/coupons/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.all }),
  })
}

export const useGenerateCodes = (couponId: string) =>
  useMutation({
    mutationFn: (body: { quantity: number; prefix?: string; length?: number }) =>
      post<{ batch: CodeBatch }>(`/admin/coupons/${couponId}/codes`, body).then((r) => r.batch),
  })

export const useImportCodes = (couponId: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData()
      form.append("file", file)
      return sdk.client
        .fetch<{ batch: CodeBatch }>(`/admin/coupons/${couponId}/codes`, {
          method: "POST",
          body: form,
          // Let the browser set the multipart boundary.
          headers: { "content-type": null as unknown as string },
        })
        .then((r) => r.batch)
    },
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.detail(couponId) }),
  })
}

// ---- settings --------------------------------------------------------------

export const useCouponSettings = () =>
  useQuery({
    queryKey: couponKeys.settings,
    queryFn: () => get<{ settings: CouponSettings }>("/admin/coupon-settings").then((r) => r.settings),
  })

export const useUpdateCouponSettings = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: Partial<Omit<CouponSettings, "id">>) =>
      post<{ settings: CouponSettings }>("/admin/coupon-settings", body).then((r) => r.settings),
    onSuccess: (settings) => client.setQueryData(couponKeys.settings, settings),
  })
}

// ---- customers: wallet and blocklist ---------------------------------------

export const useCustomerWallet = (customerId: string, query: { status?: string; limit: number; offset: number }) =>
  useQuery({
    queryKey: [...couponKeys.wallet(customerId), query],
    queryFn: () => get<WalletResponse>(`/admin/customers/${customerId}/coupons`, query),
    placeholderData: keepPreviousData,
  })

export const useBlocklistEntry = (customerId: string) =>
  useQuery({
    queryKey: couponKeys.blocklist(customerId),
    queryFn: () =>
      get<ListResponse & { entries: BlocklistEntry[] }>("/admin/coupon-blocklist", {
        customer_id: customerId,
        limit: 1,
      }).then((r) => r.entries[0] ?? null),
  })

const useInvalidateCustomer = (customerId: string) => {
  const client = useQueryClient()
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: couponKeys.wallet(customerId) }),
      client.invalidateQueries({ queryKey: couponKeys.blocklist(customerId) }),
    ])
}

export const useBlockCustomer = (customerId: string) => {
  const invalidate = useInvalidateCustomer(customerId)
  return useMutation({
    mutationFn: (reason: string) =>
      post<{ entry: BlocklistEntry }>("/admin/coupon-blocklist", { customer_id: customerId, reason }),
    onSuccess: invalidate,
  })
}

export const useUnblockCustomer = (customerId: string) => {
  const invalidate = useInvalidateCustomer(customerId)
  return useMutation({
    mutationFn: () => del(`/admin/coupon-blocklist/${customerId}`),
    onSuccess: invalidate,
  })
}

export const useAssignCoupon = (customerId: string) => {
  const invalidate = useInvalidateCustomer(customerId)
  return useMutation({
    mutationFn: (couponId: string) => post(`/admin/coupons/${couponId}/assign`, { customer_ids: [customerId] }),
    onSuccess: invalidate,
  })
}

// ---- orders -----------------------------------------------------------------

export const useOrderCoupon = (orderId: string) =>
  useQuery({
    queryKey: couponKeys.orderCoupon(orderId),
    queryFn: () =>
      get<{ coupon_redemption: OrderCoupon | null }>(`/admin/orders/${orderId}/coupon`).then(
        (r) => r.coupon_redemption
      ),
  })

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

/**
 * The hosted coupon page for the campaign form's values, rendered by the
 * server (POST /admin/coupon-campaigns/preview); the previous page stays
 * shown while the next one is fetched.
 */
export const useCampaignPagePreview = (values: Record<string, unknown>) =>
  useQuery({
    queryKey: ["coupon-campaign-preview", values],
    queryFn: () => post<{ html: string }>("/admin/coupon-campaigns/preview", values).then((r) => r.html),
    placeholderData: keepPreviousData,
  })

/** The server's judgement of a product by the coupon line rules (GET /admin/products/:id/coupon-eligibility). */
export type ProductCouponEligibility = {
  product_id: string
  kind: string | null
  kinds: string[]
  requires_shipping: boolean
  eligible: boolean
  reason: string | null
  message: string
}

export const useProductCouponEligibility = (productId: string) =>
  useQuery({
    queryKey: ["coupon-product-eligibility", productId],
    queryFn: () =>
      get<{ eligibility: ProductCouponEligibility }>(`/admin/products/${productId}/coupon-eligibility`).then(
        (r) => r.eligibility
      ),
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

// ---- campaigns -----------------------------------------------------------------

export const useCampaigns = (query: { q?: string; order?: string; limit: number; offset: number }) =>
  useQuery({
    queryKey: couponKeys.campaignList(query),
    queryFn: () => get<ListResponse & { coupon_campaigns: Campaign[] }>("/admin/coupon-campaigns", query),
    placeholderData: keepPreviousData,
  })

export const useCampaign = (id: string) =>
  useQuery({
    queryKey: couponKeys.campaign(id),
    queryFn: () => get<{ coupon_campaign: Campaign }>(`/admin/coupon-campaigns/${id}`).then((r) => r.coupon_campaign),
  })

export type CampaignBody = Partial<
  Omit<Campaign, "id" | "coupon" | "funnel" | "created_at" | "updated_at">
>

export const useCreateCampaign = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CampaignBody) =>
      post<{ coupon_campaign: Campaign }>("/admin/coupon-campaigns", body).then((r) => r.coupon_campaign),
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.campaigns }),
  })
}

export const useUpdateCampaign = (id: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CampaignBody) =>
      post<{ coupon_campaign: Campaign }>(`/admin/coupon-campaigns/${id}`, body).then((r) => r.coupon_campaign),
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.campaigns }),
  })
}

export const useDeleteCampaign = (id: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => del(`/admin/coupon-campaigns/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.campaigns }),
  })
}

export const useSendCampaign = (id: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (customerIds: string[]) =>
      post<SendResult>(`/admin/coupon-campaigns/${id}/send`, { customer_ids: customerIds }),
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.campaign(id) }),
  })
}

/** Contacts' coupon links (new or, for a contact's unredeemed link, the same again); new links are notified on their channel. */
export const useIssueCampaignLinks = (id: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (contacts: CampaignContact[]) => post<IssueLinksResult>(`/admin/coupon-campaigns/${id}/links`, { contacts }),
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.campaign(id) }),
  })
}

/**
 * The same links as a CSV file, for a bulk sending tool. Asking again is
 * safe: links are issued idempotently, so the file lists the links just shown.
 */
export const downloadCampaignLinksCsv = async (id: string, contacts: CampaignContact[]) => {
  const res = await fetch(`/admin/coupon-campaigns/${id}/links?format=csv`, {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ contacts }),
  })
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.message ?? `Download failed (${res.status})`)
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement("a")
  a.href = url
  a.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "links.csv"
  a.click()
  URL.revokeObjectURL(url)
}

export const useCampaignRedemptions = (
  id: string,
  query: { status?: CampaignStep; channel?: string; limit: number; offset: number }
) =>
  useQuery({
    queryKey: couponKeys.campaignRedemptions(id, query),
    queryFn: () =>
      get<ListResponse & { redemptions: CampaignRecipient[] }>(`/admin/coupon-campaigns/${id}/redemptions`, query),
    placeholderData: keepPreviousData,
  })

export const useVerifyCampaignCoupon = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { code: string; customer_id?: string; channel?: string; contact_id?: string }) =>
      post<{ redemption: CampaignRecipient }>("/admin/coupon-campaigns/verify", body).then((r) => r.redemption),
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.campaigns }),
  })
}

export const searchCoupons = (q: string) =>
  get<CouponListResponse>("/admin/coupons", { q: q || undefined, limit: 10, order: "-created_at" }).then((r) => r.coupons)

export const searchCustomers = (q: string) =>
  get<{ customers: CustomerSummary[] }>("/admin/customers", {
    q: q || undefined,
    limit: 20,
    fields: "id,email,first_name,last_name",
  }).then((r) => r.customers)
