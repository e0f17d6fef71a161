/*
 * The plugin's lifecycle events on Medusa's event bus (docs/rules.md §7.4), one
 * per fact, emitted only once the fact is committed: by workflows through
 * emitEventStep (Medusa releases a workflow's events when it succeeds and
 * drops them when it rolls back), and by the module's own transactions
 * through @EmitAfterCommit (emit-after-commit.ts: sent after the
 * transaction commits, never when it throws). docs/events.md documents each payload; keep the two in step.
 *
 * The module's automatic entity events (`coupon.created` with only an id,
 * fired per ORM write, also for a compensation's undo) are switched off in
 * service.ts so each name below fires exactly once per fact.
 */
export const CouponEvents = {
  COUPON_CREATED: "coupon.created",
  COUPON_UPDATED: "coupon.updated",
  COUPON_DELETED: "coupon.deleted",
  REDEEMED: "coupon.redeemed",
  REDEMPTION_RELEASED: "coupon.redemption_released",
  REDEMPTION_REFUNDED: "coupon.redemption_refunded",
  CODE_BATCH_COMPLETED: "coupon.code_batch.completed",
  CODE_BATCH_FAILED: "coupon.code_batch.failed",
  WALLET_ENTRY_CREATED: "coupon.wallet_entry.created",
  WALLET_ENTRY_VOIDED: "coupon.wallet_entry.voided",
  CAMPAIGN_COUPON_SENT: "coupon.campaign_coupon.sent",
  CAMPAIGN_COUPON_OPENED: "coupon.campaign_coupon.opened",
  CAMPAIGN_COUPON_REDEEMED: "coupon.campaign_coupon.redeemed",
  CAMPAIGN_COUPON_VERIFIED: "coupon.campaign_coupon.verified",
} as const

export type CouponEventName = (typeof CouponEvents)[keyof typeof CouponEvents]

/** Why a use went back to its coupon. */
export type RedemptionReleaseReason = "hold_expired" | "coupon_changed" | "canceled" | "refunded" | "claim_undone"
