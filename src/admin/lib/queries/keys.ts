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
