import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteBlocklistEntryStep } from "../steps/delete-blocklist-entry"

/** Lifts the block (its audit entry in the same transaction); coupons voided by the block stay voided. */
export const unblockCustomerFromCouponsWorkflow = createWorkflow(
  "unblock-customer-from-coupons",
  (input: { customer_id: string; actor_id?: string | null }) => {
    deleteBlocklistEntryStep(input)
    return new WorkflowResponse(input.customer_id)
  }
)
