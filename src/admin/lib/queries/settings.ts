/** The store's coupon settings. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { couponKeys } from "./keys"
import { get, post } from "./http"
import type { CouponSettings } from "../types"

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
