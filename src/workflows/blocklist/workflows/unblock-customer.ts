import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteBlocklistEntryStep } from "../steps/delete-blocklist-entry"

/** Lifts the block; coupons voided by the block stay voided. */
export const unblockCustomerFromCouponsWorkflow = createWorkflow(
  "unblock-customer-from-coupons",
  (input: { customer_id: string }) => {
    deleteBlocklistEntryStep(input)
    return new WorkflowResponse(input.customer_id)
  }
)
