import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { readCustomerWallet } from "../../../../store/customers/me/coupons/present"
import type { StoreGetWalletCouponsParamsType } from "../../../../store/customers/me/coupons/validators"

/**
 * A customer's wallet as the admin sees it (the customer page's widget): the
 * same entries, statuses and counts the shopper sees in
 * GET /store/customers/me/coupons → `{ coupons, counts, count, limit, offset }`.
 */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreGetWalletCouponsParamsType>,
  res: MedusaResponse
) {
  const customerId = req.params.id
  const [customer] = await req.scope
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: customerId }, { select: ["id"], take: 1 })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id ${customerId} was not found.`)
  }
  const { status, limit, offset } = req.validatedQuery
  const wallet = await readCustomerWallet(req.scope, { customer_id: customerId, status, limit, offset })
  res.json({ ...wallet, limit, offset })
}
