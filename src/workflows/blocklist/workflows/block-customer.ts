import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { upsertBlocklistEntryStep } from "../steps/upsert-blocklist-entry"
import { voidUnusedWalletEntriesStep } from "../steps/void-wallet-entries"

export const blockCustomerFromCouponsWorkflow = createWorkflow(
  "block-customer-from-coupons",
  (input: { customer_id: string; reason: string; actor_id?: string | null }) => {
    // Throws a 404 for an unknown customer before anything is written.
    useQueryGraphStep({
      entity: "customer",
      fields: ["id"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    // The block and its audit entry in one transaction (docs/rules.md §7.4).
    const entry = upsertBlocklistEntryStep(input)
    const voided = voidUnusedWalletEntriesStep({ customer_id: input.customer_id })
    emitEventStep({
      eventName: CouponEvents.WALLET_ENTRY_VOIDED,
      data: transform({ voided, input }, ({ voided, input }) =>
        voided.map((id: string) => ({ id, customer_id: input.customer_id, reason: "customer_blocked" }))
      ),
    }).config({ name: "emit-wallet-entries-voided" })
    return new WorkflowResponse(entry)
  }
)
