import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import jwt from "jsonwebtoken"

/**
 * Creates an admin user and returns request headers with its Bearer token,
 * signed with the test app's JWT secret as Medusa's own login would.
 */
export async function createAdminHeaders(container: MedusaContainer, email = "admin@coupons.test") {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const [existing] = await userModule.listUsers({ email })
  const user = existing ?? (await userModule.createUsers({ email }))
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: `${email}-${Date.now()}` }],
    app_metadata: { user_id: user.id },
  })
  const token = jwt.sign(
    { actor_id: user.id, actor_type: "user", auth_identity_id: authIdentity.id, app_metadata: { user_id: user.id } },
    process.env.JWT_SECRET || "supersecret",
    { expiresIn: "1d" }
  )
  return { headers: { authorization: `Bearer ${token}` }, user }
}

/** A Medusa promotion of $value off the items (fixed, "across"), through the admin API. */
export function createFixedPromotion(
  api: { post: Function },
  admin: { headers: Record<string, string> },
  code: string,
  { is_automatic = false, value = 4 }: { is_automatic?: boolean; value?: number } = {}
) {
  return api.post(
    "/admin/promotions",
    {
      code,
      type: "standard",
      status: "active",
      is_automatic,
      application_method: { type: "fixed", target_type: "items", allocation: "across", value, currency_code: "usd" },
    },
    admin
  )
}
