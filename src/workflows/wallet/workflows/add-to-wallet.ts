import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createWalletEntriesStep } from "../steps/create-wallet-entries"
import { reserveWalletCodesStep } from "../steps/reserve-wallet-codes"
import { AddToWalletInput, validateWalletGrantStep } from "../steps/validate-wallet-grant"

export type { AddToWalletInput, WalletGrantSource } from "../steps/validate-wallet-grant"

/** A grant waits this long for another grant to the same wallet to finish. */
const WALLET_LOCK_WAIT_SECONDS = 10
/** A lock left by a crashed server frees itself after this long. */
const WALLET_LOCK_TTL_SECONDS = 30

/**
 * Puts a coupon into customers' wallets (docs/rules.md §5) — the one way wallet
 * entries are made, by an admin (`POST /admin/coupons/:id/assign`), by a
 * shopper claiming a code (`POST /store/customers/me/coupons`) and by
 * campaigns:
 *
 * ```ts
 * const { result: entries } = await addToWalletWorkflow(container).run({
 *   input: { coupon_id, customer_ids: [customerId], source: "campaign", campaign_id,
 *            expires_from: sentAt, validity_days: campaign.expiry_days },
 * })
 * ```
 *
 * Each customer gets a free serial code of the coupon reserved for them when
 * the coupon has one-time serial codes (none left → refused, nothing
 * written), else the coupon's shared code; `code` gives a specific code
 * instead. `expires_at` = (expires_from ?? now) + (validity_days ??
 * coupon.validity_days), never after the coupon's `ends_at`, null when
 * neither applies. Refused with a 400/404 and nothing written: unknown or
 * blocked customers, a disabled or ended coupon, an unknown code, another
 * customer's serial code, a used code, a code already in the wallet.
 * Returns the created entries, in the order of `customer_ids`.
 */
export const addToWalletWorkflow = createWorkflow("add-coupon-to-wallet", (input: AddToWalletInput) => {
  // The wallets are locked from the check to the write: two claims of the
  // same code sent at once by one customer (a double tap, two tabs) would
  // both pass "already in your wallet" and both write. Locking module keys
  // are shared across server instances when it runs on Redis.
  const walletKeys = transform({ input }, ({ input }) =>
    [...new Set(input.customer_ids ?? [])].sort().map((id) => `coupon-wallet:${id}`)
  )
  acquireLockStep({ key: walletKeys, timeout: WALLET_LOCK_WAIT_SECONDS, ttl: WALLET_LOCK_TTL_SECONDS, executeOnSubWorkflow: true })
  const plan = validateWalletGrantStep(input)
  const assignments = reserveWalletCodesStep(plan)
  // An admin's grant is an admin change to the coupon: its audit entry goes in the entries' transaction.
  const entries = createWalletEntriesStep(
    transform({ plan, assignments, input }, ({ plan, assignments, input }) => ({ plan, assignments, actor_id: input.actor_id }))
  )
  releaseLockStep({ key: walletKeys, executeOnSubWorkflow: true })
  emitEventStep({
    eventName: CouponEvents.WALLET_ENTRY_CREATED,
    data: transform({ entries }, ({ entries }) =>
      entries.map((e: any) => ({
        id: e.id,
        coupon_id: e.coupon_id,
        customer_id: e.customer_id,
        code: e.code,
        source: e.source,
        campaign_id: e.campaign_id ?? null,
        expires_at: e.expires_at ?? null,
      }))
    ),
  }).config({ name: "emit-wallet-entries-created" })
  return new WorkflowResponse(entries)
})
