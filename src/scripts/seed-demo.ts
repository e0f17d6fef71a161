/**
 * Demo data for `npm run dev` (and `npm run seed`):
 *   medusa exec ./src/scripts/seed-demo.ts
 *
 * A USD store with one region, shipping, a sales channel with its publishable
 * key, categories, a dozen products (print-on-demand, virtual, supplier and
 * one on sale), two demo coupons and an admin user.
 *
 * Idempotent: every record is looked up (by handle, name, title, code or
 * e-mail) before it is created, so running it again changes nothing. At the
 * end it writes `.data/demo.json` for the launcher (scripts/dev.mjs).
 */
import fs from "node:fs/promises"
import path from "node:path"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, FeatureFlag, Modules } from "@medusajs/framework/utils"
import { createCouponsWorkflow } from "../workflows/coupons/workflows/create-coupons"
import { COUPONS, DEMO, PRODUCTS } from "./demo/data"
import { ensureCategories, ensureInventory, ensureProducts, ensureSaleList } from "./demo/ensure-catalog"
import {
  ensurePublishableKey,
  ensureRegion,
  ensureSalesChannel,
  ensureShipping,
  ensureStoreCurrency,
  ensureStoreDefaults,
  ensureTaxRegion,
  ensureWarehouse,
} from "./demo/ensure-store"
import type { SeedContext } from "./demo/seed-context"

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const created: string[] = []
  const seed: SeedContext = {
    container,
    note: (what: string) => {
      created.push(what)
      logger.info(`[seed-demo] created ${what}`)
    },
  }

  const store = await ensureStoreCurrency(seed)
  const region = await ensureRegion(seed)
  await ensureTaxRegion(seed)
  const salesChannel = await ensureSalesChannel(seed)
  const { stockLocation, serviceZone } = await ensureWarehouse(seed, salesChannel.id)
  const shippingProfile = await ensureShipping(seed, region.id, serviceZone.id)
  await ensureStoreDefaults(seed, store, {
    default_region_id: region.id,
    default_location_id: stockLocation.id,
    default_sales_channel_id: salesChannel.id,
  })
  const apiKey = await ensurePublishableKey(seed, salesChannel.id)
  const categoryIds = await ensureCategories(seed)
  await ensureProducts(seed, { categoryIds, shippingProfileId: shippingProfile.id, salesChannelId: salesChannel.id })
  await ensureInventory(seed, stockLocation.id)
  await ensureSaleList(seed)
  await ensureDemoCoupons(seed)
  await ensureAdminUser(seed)

  // --- Summary for the launcher -------------------------------------------
  const demo = {
    publishable_key: apiKey.token,
    admin_email: DEMO.adminEmail,
    admin_password: DEMO.adminPassword,
    region_id: region.id,
    sales_channel_id: salesChannel.id,
  }
  const dataDir = path.join(process.cwd(), ".data")
  await fs.mkdir(dataDir, { recursive: true })
  await fs.writeFile(path.join(dataDir, "demo.json"), JSON.stringify(demo, null, 2) + "\n")

  logger.info(
    [
      created.length
        ? `[seed-demo] done: ${created.length} change(s)`
        : "[seed-demo] done: demo data already present, nothing changed",
      `  region:          ${region.name} (${region.id})`,
      `  sales channel:   ${salesChannel.name} (${salesChannel.id})`,
      `  publishable key: ${apiKey.token}`,
      `  products:        ${PRODUCTS.length} (${Object.keys(categoryIds).length} categories)`,
      `  coupons:         ${COUPONS.map((c) => c.code).join(", ")}`,
      `  admin:           ${DEMO.adminEmail} / ${DEMO.adminPassword}`,
      `  written:         .data/demo.json`,
    ].join("\n")
  )
}

async function ensureDemoCoupons({ container, note }: SeedContext) {
  const couponService: any = container.resolve("coupon")
  for (const coupon of COUPONS) {
    const existing = await couponService.listCoupons({ code: coupon.code })
    if (existing.length) continue
    await createCouponsWorkflow(container).run({ input: { coupons: [coupon] } })
    note(`coupon ${coupon.code}`)
  }
}

/** The admin user and its e-mail/password login, as `medusa user -e … -p …` makes them. */
async function ensureAdminUser({ container, note }: SeedContext) {
  const userService = container.resolve(Modules.USER)
  const authService = container.resolve(Modules.AUTH)
  let [user] = await userService.listUsers({ email: DEMO.adminEmail })
  if (!user) {
    let roles: string[] = []
    if (FeatureFlag.isFeatureEnabled("rbac")) {
      const rbacService: any = container.resolve(Modules.RBAC)
      const superAdmin = await rbacService.listRbacRoles({ id: "role_super_admin" })
      roles = superAdmin.length ? [superAdmin[0].id] : []
    }
    const { result } = await createUsersWorkflow(container).run({
      input: { users: [{ email: DEMO.adminEmail, ...(roles.length ? { roles } : {}) }] },
    })
    user = result[0]
    note(`admin user ${DEMO.adminEmail}`)
  }
  const identities = await authService.listProviderIdentities({
    provider: "emailpass",
    entity_id: DEMO.adminEmail,
  })
  if (!identities.length) {
    const { authIdentity, error } = await authService.register("emailpass", {
      body: { email: DEMO.adminEmail, password: DEMO.adminPassword },
    })
    if (error || !authIdentity) {
      throw new Error(`Could not register ${DEMO.adminEmail}: ${error}`)
    }
    await authService.updateAuthIdentities({
      id: authIdentity.id,
      app_metadata: { user_id: user.id },
    })
    note(`login for ${DEMO.adminEmail}`)
  }
}
