/** Coupons: lists, detail, stats, history, create / update / delete, an order's coupon and a product's eligibility. */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query"
import { couponKeys } from "./keys"
import { get, post, del } from "./http"
import type { AuditEntry, Coupon, CouponListResponse, CouponStats, CouponStatus, ListResponse, OrderCoupon, Redemption, StoreStats } from "../types"

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

// ---- orders -----------------------------------------------------------------

export const useOrderCoupon = (orderId: string) =>
  useQuery({
    queryKey: couponKeys.orderCoupon(orderId),
    queryFn: () =>
      get<{ coupon_redemption: OrderCoupon | null }>(`/admin/orders/${orderId}/coupon`).then(
        (r) => r.coupon_redemption
      ),
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
