/** A customer's coupons: wallet, blocklist, assigning a coupon. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { couponKeys } from "./keys"
import { get, post, del } from "./http"
import type { BlocklistEntry, ListResponse, WalletResponse } from "../types"

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
