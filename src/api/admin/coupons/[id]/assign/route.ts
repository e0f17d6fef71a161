import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addToWalletWorkflow } from "../../../../../workflows/wallet/workflows/add-to-wallet"
import type { AdminAssignCouponType } from "./validators"

/** Gives the coupon to customers' wallets: `{ wallet_entries }`, in the order of `customer_ids`. */
export async function POST(req: AuthenticatedMedusaRequest<AdminAssignCouponType>, res: MedusaResponse) {
  const { result } = await addToWalletWorkflow(req.scope).run({
    input: { coupon_id: req.params.id, customer_ids: req.validatedBody.customer_ids, source: "admin", actor_id: req.auth_context.actor_id },
  })
  res.json({
    wallet_entries: result.map((e: any) => ({
      id: e.id,
      coupon_id: e.coupon_id,
      customer_id: e.customer_id,
      code: e.code,
      coupon_code_id: e.coupon_code_id,
      source: e.source,
      state: e.state,
      received_at: e.received_at,
      expires_at: e.expires_at,
      used_at: e.used_at,
      order_id: e.order_id,
      campaign_id: e.campaign_id,
    })),
  })
}
