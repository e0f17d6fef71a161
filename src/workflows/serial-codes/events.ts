/**
 * Emitted when a generation batch is created; its subscriber
 * (src/subscribers/generate-serial-codes.ts) writes the codes.
 */
export const CODE_BATCH_CREATED = "coupon.code_batch.created"

/**
 * Emitted when a batch has written its codes (a generation done, an import
 * saved): its subscriber (src/subscribers/refresh-code-statistics.ts)
 * refreshes coupon_code's planner statistics after a bulk write, off the
 * request that imported them.
 */
export const CODE_BATCH_WRITTEN = "coupon.code_batch.written"
