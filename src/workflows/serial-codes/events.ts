/**
 * Emitted when a generation batch is created; its subscriber
 * (src/subscribers/generate-serial-codes.ts) writes the codes.
 */
export const CODE_BATCH_CREATED = "coupon.code_batch.created"
