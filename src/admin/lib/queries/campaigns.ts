/** Campaigns: list, detail, create / update / delete, send, links, redemptions, verification and the hosted page preview. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { couponKeys } from "./keys"
import { get, post, del } from "./http"
import { request } from "../request"
import type { Campaign, CampaignRecipient, CampaignStep, SendResult, CampaignContact, IssueLinksResult, ListResponse } from "../types"

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
  const res = await request(`/admin/coupon-campaigns/${id}/links?format=csv`, { method: "POST", body: { contacts } })
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
