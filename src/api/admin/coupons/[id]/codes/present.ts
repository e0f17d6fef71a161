/** The public shape of a code batch (`GET …/code-batches/:batch_id` and POST …/codes). */
export function presentBatch(batch: Record<string, any>) {
  return {
    id: batch.id,
    coupon_id: batch.coupon_id,
    source: batch.source,
    status: batch.status,
    requested: batch.requested,
    created: batch.created,
    prefix: batch.prefix ?? null,
    length: batch.length ?? null,
    error: batch.error ?? null,
    created_at: batch.created_at,
    updated_at: batch.updated_at,
  }
}
