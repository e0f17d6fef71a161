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
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createPriceListsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import type { CreateProductWorkflowInputDTO, ExecArgs } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  FeatureFlag,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import { createCouponsWorkflow } from "../workflows/coupons/workflows/create-coupons"

const DEMO = {
  currency: "usd",
  country: "us",
  regionName: "United States",
  salesChannelName: "Coupon Demo Store",
  apiKeyTitle: "Coupon Demo Storefront",
  stockLocationName: "Coupon Demo Warehouse",
  fulfillmentSetName: "Coupon Demo Warehouse delivery",
  serviceZoneName: "United States",
  shippingProfileName: "Default Shipping Profile",
  shippingOptionName: "Standard Shipping",
  saleTitle: "Coupon Demo Sale",
  adminEmail: "admin@coupons.local",
  adminPassword: "coupons-admin",
}

/** Categories by handle; children name their parent's handle. */
const CATEGORIES: { handle: string; name: string; parent?: string }[] = [
  { handle: "apparel", name: "Apparel" },
  { handle: "t-shirts", name: "T-Shirts", parent: "apparel" },
  { handle: "hoodies", name: "Hoodies", parent: "apparel" },
  { handle: "home", name: "Home" },
  { handle: "mugs", name: "Mugs", parent: "home" },
  { handle: "posters", name: "Posters", parent: "home" },
  { handle: "digital", name: "Digital" },
]

type DemoProduct = {
  handle: string
  title: string
  description: string
  category: string
  /** USD, major units, per variant (all variants share the price). */
  price: number
  /** A sale price list prices it at this (USD, major units). */
  sale_price?: number
  option: { title: string; values: string[] }
  sku: string
  /** "pod" (print-on-demand), "virtual" or "supplier"; unset for stock items. */
  kind?: "pod" | "virtual" | "supplier"
  discountable?: boolean
}

const PRODUCTS: DemoProduct[] = [
  {
    handle: "classic-logo-tee",
    title: "Classic Logo Tee",
    description: "Soft cotton tee with the store logo on the chest.",
    category: "t-shirts",
    price: 25,
    option: { title: "Size", values: ["S", "M", "L", "XL"] },
    sku: "TEE-LOGO",
  },
  {
    handle: "vintage-wash-tee",
    title: "Vintage Wash Tee",
    description: "Garment-dyed tee with a lived-in feel.",
    category: "t-shirts",
    price: 30,
    option: { title: "Size", values: ["S", "M", "L"] },
    sku: "TEE-VINTAGE",
  },
  {
    handle: "custom-print-tee",
    title: "Custom Print Tee",
    description: "Printed on demand with your own artwork; ships in 3-5 days.",
    category: "t-shirts",
    price: 35,
    option: { title: "Size", values: ["S", "M", "L", "XL"] },
    sku: "TEE-POD",
    kind: "pod",
  },
  {
    handle: "everyday-hoodie",
    title: "Everyday Hoodie",
    description: "Brushed fleece pullover hoodie. On sale!",
    category: "hoodies",
    price: 60,
    sale_price: 45,
    option: { title: "Size", values: ["S", "M", "L", "XL"] },
    sku: "HOODIE-EVERYDAY",
  },
  {
    handle: "zip-hoodie",
    title: "Zip Hoodie",
    description: "Heavyweight full-zip hoodie.",
    category: "hoodies",
    price: 75,
    option: { title: "Size", values: ["M", "L", "XL"] },
    sku: "HOODIE-ZIP",
  },
  {
    handle: "canvas-tote-bag",
    title: "Canvas Tote Bag",
    description: "Sturdy organic canvas tote.",
    category: "apparel",
    price: 18,
    option: { title: "Color", values: ["Natural", "Black"] },
    sku: "TOTE",
  },
  {
    handle: "ceramic-coffee-mug",
    title: "Ceramic Coffee Mug",
    description: "Glazed stoneware mug, dishwasher safe.",
    category: "mugs",
    price: 15,
    option: { title: "Size", values: ["11 oz", "15 oz"] },
    sku: "MUG-CERAMIC",
  },
  {
    handle: "insulated-travel-mug",
    title: "Insulated Travel Mug",
    description: "Double-wall steel travel mug, shipped directly by our supplier.",
    category: "mugs",
    price: 28,
    option: { title: "Color", values: ["Steel", "Matte Black"] },
    sku: "MUG-TRAVEL",
    kind: "supplier",
  },
  {
    handle: "mountain-poster",
    title: "Mountain Poster",
    description: "Matte art print of an alpine ridge at dawn.",
    category: "posters",
    price: 20,
    option: { title: "Size", values: ["A3", "A2"] },
    sku: "POSTER-MOUNTAIN",
  },
  {
    handle: "city-skyline-poster",
    title: "City Skyline Poster",
    description: "Night skyline art print.",
    category: "posters",
    price: 22,
    option: { title: "Size", values: ["A3", "A2"] },
    sku: "POSTER-SKYLINE",
  },
  {
    handle: "desk-plant-pot",
    title: "Desk Plant Pot",
    description: "Small terracotta pot with a drainage tray.",
    category: "home",
    price: 12,
    option: { title: "Size", values: ["Small"] },
    sku: "POT",
  },
  {
    handle: "digital-wallpaper-pack",
    title: "Digital Wallpaper Pack",
    description: "Twelve desktop and phone wallpapers, delivered as a download.",
    category: "digital",
    price: 5,
    option: { title: "Format", values: ["Download"] },
    sku: "WALLPAPER-PACK",
    kind: "virtual",
  },
]

/** Major units, as the coupon workflow expects. */
const COUPONS = [
  {
    code: "WELCOME10",
    title: "Welcome 10% off",
    description: "10% off your first order of $50 or more (up to $20).",
    type: "percentage" as const,
    percentage: 10,
    max_discount: 20,
    min_spend: 50,
    currency_code: "usd",
  },
  {
    code: "SAVE25",
    title: "Save $25",
    description: "$25 off orders of $100 or more.",
    type: "fixed" as const,
    amount: 25,
    min_spend: 100,
    currency_code: "usd",
  },
]

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const storeService = container.resolve(Modules.STORE)
  const regionService = container.resolve(Modules.REGION)
  const taxService = container.resolve(Modules.TAX)
  const stockLocationService = container.resolve(Modules.STOCK_LOCATION)
  const fulfillmentService = container.resolve(Modules.FULFILLMENT)
  const salesChannelService = container.resolve(Modules.SALES_CHANNEL)
  const apiKeyService = container.resolve(Modules.API_KEY)
  const productService = container.resolve(Modules.PRODUCT)
  const pricingService = container.resolve(Modules.PRICING)
  const inventoryService = container.resolve(Modules.INVENTORY)
  const userService = container.resolve(Modules.USER)
  const authService = container.resolve(Modules.AUTH)

  const created: string[] = []
  const note = (what: string) => {
    created.push(what)
    logger.info(`[seed-demo] created ${what}`)
  }

  // --- Store currencies: USD (default) beside whatever the store has. ------
  const [store] = await storeService.listStores({}, { relations: ["supported_currencies"] })
  const currencies = store.supported_currencies ?? []
  const usd = currencies.find((c) => c.currency_code === DEMO.currency)
  if (!usd?.is_default) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          supported_currencies: [
            { currency_code: DEMO.currency, is_default: true },
            ...currencies
              .filter((c) => c.currency_code !== DEMO.currency)
              .map((c) => ({ currency_code: c.currency_code, is_default: false })),
          ],
        },
      },
    })
    note("store currency USD (default)")
  }

  // --- Region -------------------------------------------------------------
  let [region] = await regionService.listRegions({ name: DEMO.regionName })
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: DEMO.regionName,
            currency_code: DEMO.currency,
            countries: [DEMO.country],
            payment_providers: ["pp_system_default"],
          },
        ],
      },
    })
    region = result[0]
    note(`region "${DEMO.regionName}"`)
  }

  // --- Tax region ---------------------------------------------------------
  const taxRegions = await taxService.listTaxRegions({ country_code: DEMO.country })
  if (!taxRegions.some((t) => !t.parent_id)) {
    await createTaxRegionsWorkflow(container).run({
      input: [{ country_code: DEMO.country, provider_id: "tp_system" }],
    })
    note(`tax region "${DEMO.country}"`)
  }

  // --- Sales channel ------------------------------------------------------
  let [salesChannel] = await salesChannelService.listSalesChannels({ name: DEMO.salesChannelName })
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: {
        salesChannelsData: [
          { name: DEMO.salesChannelName, description: "Storefront of the coupon plugin demo" },
        ],
      },
    })
    salesChannel = result[0]
    note(`sales channel "${DEMO.salesChannelName}"`)
  }

  // --- Stock location, its fulfillment provider, set and service zone -----
  let [stockLocation] = await stockLocationService.listStockLocations({ name: DEMO.stockLocationName })
  if (!stockLocation) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: DEMO.stockLocationName,
            address: { city: "New York", country_code: "US", address_1: "1 Demo Street" },
          },
        ],
      },
    })
    stockLocation = result[0]
    note(`stock location "${DEMO.stockLocationName}"`)
  }

  const {
    data: [locationLinks],
  } = await query.graph({
    entity: "stock_location",
    fields: ["id", "fulfillment_providers.id", "fulfillment_sets.id", "sales_channels.id"],
    filters: { id: stockLocation.id },
  })
  const linkedProviders = (locationLinks?.fulfillment_providers ?? []).map((p: any) => p?.id)
  const linkedSets = (locationLinks?.fulfillment_sets ?? []).map((s: any) => s?.id)
  const linkedChannels = (locationLinks?.sales_channels ?? []).map((s: any) => s?.id)

  if (!linkedProviders.includes("manual_manual")) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
    note("link stock location → manual fulfillment provider")
  }

  let [fulfillmentSet] = await fulfillmentService.listFulfillmentSets(
    { name: DEMO.fulfillmentSetName },
    { relations: ["service_zones"] }
  )
  if (!fulfillmentSet) {
    fulfillmentSet = await fulfillmentService.createFulfillmentSets({
      name: DEMO.fulfillmentSetName,
      type: "shipping",
      service_zones: [
        {
          name: DEMO.serviceZoneName,
          geo_zones: [{ type: "country", country_code: DEMO.country }],
        },
      ],
    })
    note(`fulfillment set "${DEMO.fulfillmentSetName}" with service zone "${DEMO.serviceZoneName}"`)
  }
  if (!linkedSets.includes(fulfillmentSet.id)) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
    note("link stock location → fulfillment set")
  }
  const serviceZone =
    fulfillmentSet.service_zones.find((z) => z.name === DEMO.serviceZoneName) ?? fulfillmentSet.service_zones[0]

  if (!linkedChannels.includes(salesChannel.id)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: stockLocation.id, add: [salesChannel.id] },
    })
    note("link sales channel → stock location")
  }

  // --- Shipping profile and option ----------------------------------------
  let [shippingProfile] = await fulfillmentService.listShippingProfiles({ type: "default" })
  if (!shippingProfile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: DEMO.shippingProfileName, type: "default" }] },
    })
    shippingProfile = result[0]
    note(`shipping profile "${DEMO.shippingProfileName}"`)
  }

  const [shippingOption] = await fulfillmentService.listShippingOptions({
    name: DEMO.shippingOptionName,
    service_zone: { id: serviceZone.id },
  })
  if (!shippingOption) {
    await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: DEMO.shippingOptionName,
          price_type: "flat",
          provider_id: "manual_manual",
          service_zone_id: serviceZone.id,
          shipping_profile_id: shippingProfile.id,
          type: { label: "Standard", description: "Ships in 2-3 days.", code: "standard" },
          prices: [
            { currency_code: DEMO.currency, amount: 8 },
            { region_id: region.id, amount: 8 },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      ],
    })
    note(`shipping option "${DEMO.shippingOptionName}"`)
  }

  // --- Store defaults -----------------------------------------------------
  const defaults = {
    default_region_id: region.id,
    default_location_id: stockLocation.id,
    default_sales_channel_id: salesChannel.id,
  }
  if (
    store.default_region_id !== defaults.default_region_id ||
    store.default_location_id !== defaults.default_location_id ||
    store.default_sales_channel_id !== defaults.default_sales_channel_id
  ) {
    await updateStoresWorkflow(container).run({
      input: { selector: { id: store.id }, update: defaults },
    })
    note("store defaults (region, location, sales channel)")
  }

  // --- Publishable API key ------------------------------------------------
  let [apiKey] = await apiKeyService.listApiKeys({ title: DEMO.apiKeyTitle, type: "publishable" })
  if (!apiKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: DEMO.apiKeyTitle, type: "publishable", created_by: "" }] },
    })
    apiKey = result[0]
    note(`publishable API key "${DEMO.apiKeyTitle}"`)
  }
  const {
    data: [keyLinks],
  } = await query.graph({
    entity: "api_key",
    fields: ["id", "sales_channels.id"],
    filters: { id: apiKey.id },
  })
  if (!(keyLinks?.sales_channels ?? []).some((s: any) => s?.id === salesChannel.id)) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: apiKey.id, add: [salesChannel.id] },
    })
    note("link publishable key → sales channel")
  }

  // --- Categories (parents first) -----------------------------------------
  const categoryIds: Record<string, string> = {}
  const existingCategories = await productService.listProductCategories({
    handle: CATEGORIES.map((c) => c.handle),
  })
  for (const c of existingCategories) categoryIds[c.handle] = c.id
  for (const c of CATEGORIES) {
    if (categoryIds[c.handle]) continue
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: {
        product_categories: [
          {
            name: c.name,
            handle: c.handle,
            is_active: true,
            parent_category_id: c.parent ? categoryIds[c.parent] : null,
          },
        ],
      },
    })
    categoryIds[c.handle] = result[0].id
    note(`category "${c.name}"`)
  }

  // --- Products -----------------------------------------------------------
  const existingProducts = await productService.listProducts(
    { handle: PRODUCTS.map((p) => p.handle) },
    { select: ["id", "handle"] }
  )
  const existingHandles = new Set(existingProducts.map((p) => p.handle))
  const missing = PRODUCTS.filter((p) => !existingHandles.has(p.handle))
  if (missing.length) {
    const input: CreateProductWorkflowInputDTO[] = missing.map((p) => ({
      title: p.title,
      handle: p.handle,
      description: p.description,
      status: ProductStatus.PUBLISHED,
      discountable: p.discountable ?? true,
      category_ids: [categoryIds[p.category]],
      metadata: p.kind ? { product_kind: p.kind } : undefined,
      // A virtual product has no shipping profile, so its line items do not
      // require shipping.
      shipping_profile_id: p.kind === "virtual" ? undefined : shippingProfile.id,
      sales_channels: [{ id: salesChannel.id }],
      options: [{ title: p.option.title, values: p.option.values }],
      variants: p.option.values.map((value) => ({
        title: value,
        sku: `${p.sku}-${value.toUpperCase().replace(/[^A-Z0-9]+/g, "")}`,
        options: { [p.option.title]: value },
        // Stock items are tracked at the demo warehouse; print-on-demand,
        // supplier and virtual items are not.
        manage_inventory: !p.kind,
        prices: [{ amount: p.price, currency_code: DEMO.currency }],
      })),
    }))
    await createProductsWorkflow(container).run({ input: { products: input } })
    note(`${missing.length} products (${missing.map((p) => p.handle).join(", ")})`)
  }

  // --- Inventory levels at the demo warehouse -----------------------------
  const stockSkus = PRODUCTS.filter((p) => !p.kind).flatMap((p) =>
    p.option.values.map((value) => `${p.sku}-${value.toUpperCase().replace(/[^A-Z0-9]+/g, "")}`)
  )
  const inventoryItems = await inventoryService.listInventoryItems({ sku: stockSkus })
  const levels = await inventoryService.listInventoryLevels({
    inventory_item_id: inventoryItems.map((i) => i.id),
    location_id: stockLocation.id,
  })
  const stocked = new Set(levels.map((l) => l.inventory_item_id))
  const newLevels = inventoryItems
    .filter((i) => !stocked.has(i.id))
    .map((i) => ({ inventory_item_id: i.id, location_id: stockLocation.id, stocked_quantity: 100 }))
  if (newLevels.length) {
    await createInventoryLevelsWorkflow(container).run({ input: { inventory_levels: newLevels } })
    note(`${newLevels.length} inventory levels`)
  }

  // --- Sale price list ----------------------------------------------------
  const saleList = (await pricingService.listPriceLists({ q: DEMO.saleTitle })).find(
    (l) => l.title === DEMO.saleTitle
  )
  if (!saleList) {
    const saleHandles = PRODUCTS.filter((p) => p.sale_price !== undefined).map((p) => p.handle)
    const saleProducts = await productService.listProducts(
      { handle: saleHandles },
      { relations: ["variants"] }
    )
    const prices = saleProducts.flatMap((product) => {
      const def = PRODUCTS.find((p) => p.handle === product.handle)!
      return (product.variants ?? []).map((v) => ({
        variant_id: v.id,
        amount: def.sale_price!,
        currency_code: DEMO.currency,
      }))
    })
    await createPriceListsWorkflow(container).run({
      input: {
        price_lists_data: [
          {
            title: DEMO.saleTitle,
            description: "Demo sale: carts get compare_at_unit_price for these items.",
            status: "active",
            // Passed through to the Pricing Module (the workflow type omits it).
            ...({ type: "sale" } as {}),
            prices,
          },
        ],
      },
    })
    note(`sale price list "${DEMO.saleTitle}" (${saleHandles.join(", ")})`)
  }

  // --- Demo coupons -------------------------------------------------------
  const couponService: any = container.resolve("coupon")
  for (const coupon of COUPONS) {
    const existing = await couponService.listCoupons({ code: coupon.code })
    if (existing.length) continue
    await createCouponsWorkflow(container).run({ input: { coupons: [coupon] } })
    note(`coupon ${coupon.code}`)
  }

  // --- Admin user (as `medusa user -e … -p …` does) -----------------------
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
