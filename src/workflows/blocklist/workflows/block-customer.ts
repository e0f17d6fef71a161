import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { changedFields } from "../../../modules/coupon/lib/audit"
import { readAuditSnapshotStep } from "../../audit/steps/read-audit-snapshot"
import { recordAuditEntriesStep } from "../../audit/steps/record-audit-entries"
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
    const before = readAuditSnapshotStep({ resource_type: "blocklist", id: input.customer_id })
    const entry = upsertBlocklistEntryStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id, reason: input.reason }))
    )
    const voided = voidUnusedWalletEntriesStep({ customer_id: input.customer_id })
    recordAuditEntriesStep(
      transform({ before, entry, input }, ({ before, entry, input }) => [
        {
          resource_type: "blocklist" as const,
          resource_id: input.customer_id,
          action: "blocked",
          actor_id: input.actor_id,
          changes: changedFields(before, entry as any, ["reason"]),
        },
      ])
    )
    emitEventStep({
      eventName: CouponEvents.WALLET_ENTRY_VOIDED,
      data: transform({ voided, input }, ({ voided, input }) =>
        voided.map((id: string) => ({ id, customer_id: input.customer_id, reason: "customer_blocked" }))
      ),
    }).config({ name: "emit-wallet-entries-voided" })
    return new WorkflowResponse(entry)
  }
)
