import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { unblockCustomerFromCouponsWorkflow } from "../../../../workflows/blocklist/workflows/unblock-customer"

export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await unblockCustomerFromCouponsWorkflow(req.scope).run({
    input: { customer_id: req.params.customer_id, actor_id: req.auth_context.actor_id },
  })
  res.json({ customer_id: req.params.customer_id, deleted: true })
}
