import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { upsertBlocklistEntryStep } from "../steps/upsert-blocklist-entry"
import { voidUnusedWalletEntriesStep } from "../steps/void-wallet-entries"

export const blockCustomerFromCouponsWorkflow = createWorkflow(
  "block-customer-from-coupons",
  (input: { customer_id: string; reason: string }) => {
    // Throws a 404 for an unknown customer before anything is written.
    useQueryGraphStep({
      entity: "customer",
      fields: ["id"],
      filters: { id: input.customer_id },
      options: { throwIfKeyNotFound: true },
    })
    const entry = upsertBlocklistEntryStep(input)
    voidUnusedWalletEntriesStep({ customer_id: input.customer_id })
    return new WorkflowResponse(entry)
  }
)
