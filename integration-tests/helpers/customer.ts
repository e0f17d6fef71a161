import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import jwt from "jsonwebtoken"

export type TestCustomer = { id: string; email: string; token: string }

/**
 * Creates a registered customer and a Bearer token for them, signed with the
 * test app's JWT secret as Medusa's own customer login would (actor_type
 * "customer"), like createAdminHeaders does for admin users.
 */
export async function createCustomer(
  container: MedusaContainer,
  email = `shopper-${Math.random().toString(36).slice(2)}@example.com`
): Promise<TestCustomer> {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const authModule = container.resolve(Modules.AUTH)
  const customer = await customerModule.createCustomers({ email, first_name: "Test", last_name: "Shopper", has_account: true })
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { customer_id: customer.id },
  })
  const token = jwt.sign(
    {
      actor_id: customer.id,
      actor_type: "customer",
      auth_identity_id: authIdentity.id,
      app_metadata: { customer_id: customer.id },
    },
    process.env.JWT_SECRET || "supersecret",
    { expiresIn: "1d" }
  )
  return { id: customer.id, email, token }
}
