import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type CouponModuleService from "../../../../../modules/coupon/service"
import { findCouponByCode } from "../../../../../workflows/carts/load-coupon-cart"
import { addToWalletWorkflow } from "../../../../../workflows/wallet/workflows/add-to-wallet"
import { recordUnknownCode, refuseWhenOutOfAttempts } from "../../../../utils/code-attempts"
import { readCustomerWallet } from "./present"
import type { StoreClaimWalletCouponType, StoreGetWalletCouponsParamsType } from "./validators"

/** The logged-in customer's wallet: `{ coupons, counts, count, limit, offset }`. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreGetWalletCouponsParamsType>,
  res: MedusaResponse
) {
  const { status, limit, offset } = req.validatedQuery
  const wallet = await readCustomerWallet(req.scope, {
    customer_id: req.auth_context.actor_id,
    status,
    limit,
    offset,
  })
  res.json({ ...wallet, limit, offset })
}

/** Claims a code into the logged-in customer's wallet: `{ wallet_entry }`. */
export async function POST(req: AuthenticatedMedusaRequest<StoreClaimWalletCouponType>, res: MedusaResponse) {
  const customerId = req.auth_context.actor_id
  // Claiming is a way to try codes: unknown ones count like at checkout.
  if (await refuseWhenOutOfAttempts(req, res, null)) return
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  const { code, coupon } = await findCouponByCode(couponService, req.validatedBody.code)
  if (!coupon) {
    await recordUnknownCode(req, null)
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Coupon code ${code} does not exist.`)
  }
  const { result } = await addToWalletWorkflow(req.scope).run({
    input: { coupon_id: coupon.id, customer_ids: [customerId], source: "claim", code },
  })
  const {
    coupons: [wallet_entry],
  } = await readCustomerWallet(req.scope, {
    customer_id: customerId,
    entry_ids: result.map((e) => e.id),
    limit: 1,
    offset: 0,
  })
  res.json({ wallet_entry })
}
