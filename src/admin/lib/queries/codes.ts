/** Serial codes of a coupon: listing, export link, generation batches and CSV import. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { couponKeys } from "./keys"
import { get, post } from "./http"
import { send } from "../request"
import type { CodeBatch, ListResponse, SerialCode } from "../types"

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
      return send<{ batch: CodeBatch }>("POST", `/admin/coupons/${couponId}/codes`, form).then((r) => r.batch)
    },
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.detail(couponId) }),
  })
}
