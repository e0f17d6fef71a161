import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadWalletHolderCart, walletCouponOptions } from "../../../../../workflows/wallet/wallet-on-cart"

/**
 * The logged-in customer's unused wallet coupons judged on this cart, best
 * first: `{ options: [{ code, title, discount_total, eligible, reason?,
 * reason_code?, reason_details? }] }` (`discount_total` 0 and the failing
 * rule as `reason`, its refusal code and details when a coupon does not apply).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const cart = await loadWalletHolderCart(req.scope, req.params.id, req.auth_context.actor_id)
  const options = await walletCouponOptions(req.scope, cart)
  res.json({
    options: options.map(({ code, title, discount_total, eligible, reason, reason_code, reason_details, expires_at }) => ({
      code,
      title,
      discount_total,
      eligible,
      ...(reason ? { reason, reason_code } : {}),
      ...(reason_details ? { reason_details } : {}),
      expires_at,
    })),
  })
}
