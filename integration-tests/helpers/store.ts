import type { MedusaContainer } from "@medusajs/framework/types"
import { createAdminHeaders } from "./admin"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createPriceListsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

/** Products of the test store: price in USD, category, kind, sale price. */
export const PRODUCTS = {
  tee: { title: "Tee", price: 10, category: "tshirts" },
  hoodie: { title: "Hoodie", price: 60, category: "hoodies" },
  mug: { title: "Mug", price: 15, category: "home" },
  cap: { title: "Cap", price: 5, category: "apparel" },
  poster: { title: "Poster", price: 30, category: "home", kind: "pod" },
  ebook: { title: "E-book", price: 12, category: "home", kind: "virtual" },
  crate: { title: "Supplier crate", price: 40, category: "home", kind: "supplier" },
  jacket: { title: "Jacket", price: 100, sale: 80, category: "apparel" },
} as const

export type ProductKey = keyof typeof PRODUCTS

export type TestStore = {
  publishableKey: string
  locationId: string
  regionId: string
  salesChannelId: string
  shippingOptionId: string
  variants: Record<ProductKey, string>
  products: Record<ProductKey, string>
  categories: Record<"apparel" | "tshirts" | "hoodies" | "home", string>
}

/**
 * A small USD store (tax 0%, flat $10 shipping) built through Medusa's own
 * workflows, so carts and orders behave as in a real shop.
 */
export async function createTestStore(
  container: MedusaContainer,
  { usTaxRate = 0 }: { usTaxRate?: number } = {}
): Promise<TestStore> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const storeModule = container.resolve(Modules.STORE)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)

  const [store] = await storeModule.listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: { supported_currencies: [{ currency_code: "usd", is_default: true }, { currency_code: "eur" }] },
    },
  })
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "US", currency_code: "usd", countries: ["us"], payment_providers: ["pp_system_default"] }] },
  })
  await createTaxRegionsWorkflow(container).run({
    input: [
      {
        country_code: "us",
        provider_id: "tp_system",
        ...(usTaxRate ? { default_tax_rate: { rate: usTaxRate, code: "US", name: "US tax" } } : {}),
      },
    ],
  })
  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "Web" }] } })
  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Web", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [salesChannel.id] } })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Warehouse", address: { city: "NYC", country_code: "US", address_1: "1 Main" } }] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
    name: "Shipping",
    type: "shipping",
    service_zones: [
      {
        name: "US and DE",
        geo_zones: [
          { type: "country", country_code: "us" },
          { type: "country", country_code: "de" },
        ],
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [salesChannel.id] } })
  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "2-3 days", code: "standard" },
        prices: [
          { currency_code: "usd", amount: 10 },
          { currency_code: "eur", amount: 10 },
          { region_id: region.id, amount: 10 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const {
    result: [apparel],
  } = await createProductCategoriesWorkflow(container).run({
    input: { product_categories: [{ name: "Apparel", handle: "apparel", is_active: true }] },
  })
  const { result: subs } = await createProductCategoriesWorkflow(container).run({
    input: {
      product_categories: [
        { name: "T-Shirts", handle: "tshirts", parent_category_id: apparel.id, is_active: true },
        { name: "Hoodies", handle: "hoodies", parent_category_id: apparel.id, is_active: true },
        { name: "Home", handle: "home", is_active: true },
      ],
    },
  })
  const categories = {
    apparel: apparel.id,
    tshirts: subs.find((c) => c.handle === "tshirts")!.id,
    hoodies: subs.find((c) => c.handle === "hoodies")!.id,
    home: subs.find((c) => c.handle === "home")!.id,
  }

  const keys = Object.keys(PRODUCTS) as ProductKey[]
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: keys.map((key) => {
        const p = PRODUCTS[key] as { title: string; price: number; category: keyof typeof categories; kind?: string }
        return {
          title: p.title,
          handle: key,
          status: "published",
          shipping_profile_id: profile.id,
          category_ids: [categories[p.category]],
          metadata: p.kind ? { product_kind: p.kind } : undefined,
          sales_channels: [{ id: salesChannel.id }],
          options: [{ title: "Size", values: ["One"] }],
          variants: [
            {
              title: "One",
              sku: `sku-${key}`,
              manage_inventory: false,
              options: { Size: "One" },
              prices: [
                { currency_code: "usd", amount: p.price },
                { currency_code: "eur", amount: p.price },
              ],
            },
          ],
        }
      }),
    },
  })
  const productIds = Object.fromEntries(keys.map((k) => [k, products.find((p) => p.handle === k)!.id])) as Record<ProductKey, string>
  const variants = Object.fromEntries(
    keys.map((k) => [k, products.find((p) => p.handle === k)!.variants[0].id])
  ) as Record<ProductKey, string>

  await createPriceListsWorkflow(container).run({
    input: {
      price_lists_data: [
        {
          title: "Sale",
          description: "On sale",
          status: "active",
          prices: [{ variant_id: variants.jacket, currency_code: "usd", amount: PRODUCTS.jacket.sale }],
        },
      ],
    },
  })

  return {
    publishableKey: apiKey.token,
    locationId: location.id,
    regionId: region.id,
    salesChannelId: salesChannel.id,
    shippingOptionId: shippingOption.id,
    variants,
    products: productIds,
    categories,
  }
}

type Api = { post: Function; get: Function; delete: Function }

/** Store API calls the way a storefront makes them. */
export function storefront(api: Api, store: TestStore, customerToken?: string) {
  const headers = {
    "x-publishable-api-key": store.publishableKey,
    ...(customerToken ? { authorization: `Bearer ${customerToken}` } : {}),
  }
  const call = async (method: "get" | "post" | "delete", url: string, body?: unknown) => {
    const res = method === "post" ? await api.post(url, body ?? {}, { headers }) : await api[method](url, { headers })
    return res.data
  }
  return {
    headers,
    async createCart(lines: [ProductKey, number][], extra: Record<string, unknown> = {}) {
      const { cart } = await call("post", "/store/carts", {
        region_id: store.regionId,
        email: `shopper-${Math.random().toString(36).slice(2)}@example.com`,
        items: lines.map(([key, quantity]) => ({ variant_id: store.variants[key], quantity })),
        shipping_address: { first_name: "A", last_name: "B", address_1: "1 St", city: "NYC", country_code: "us", postal_code: "10001" },
        ...extra,
      })
      return cart
    },
    addItem: (cartId: string, key: ProductKey, quantity: number) =>
      call("post", `/store/carts/${cartId}/line-items`, { variant_id: store.variants[key], quantity }),
    updateItem: (cartId: string, itemId: string, quantity: number) =>
      call("post", `/store/carts/${cartId}/line-items/${itemId}`, { quantity }),
    removeItem: (cartId: string, itemId: string) => call("delete", `/store/carts/${cartId}/line-items/${itemId}`),
    getCart: (cartId: string) => call("get", `/store/carts/${cartId}`).then((d) => d.cart),
    applyCoupon: (cartId: string, code: string) => call("post", `/store/carts/${cartId}/coupon`, { code }),
    removeCoupon: (cartId: string) => call("delete", `/store/carts/${cartId}/coupon`),
    getCoupon: (cartId: string) => call("get", `/store/carts/${cartId}/coupon`),
    /** Shipping, payment session, completion — Medusa's own routes. */
    async complete(cartId: string, providerId = "pp_system_default") {
      await call("post", `/store/carts/${cartId}/shipping-methods`, { option_id: store.shippingOptionId })
      const { cart } = await call("get", `/store/carts/${cartId}`)
      let collectionId = cart.payment_collection?.id
      if (!collectionId) {
        const { payment_collection } = await call("post", `/store/payment-collections`, { cart_id: cartId })
        collectionId = payment_collection.id
      }
      await call("post", `/store/payment-collections/${collectionId}/payment-sessions`, { provider_id: providerId })
      return call("post", `/store/carts/${cartId}/complete`)
    },
  }
}

export type TestShop = {
  admin: Awaited<ReturnType<typeof createAdminHeaders>>
  store: TestStore
  shop: ReturnType<typeof storefront>
}

/** What most specs set up before each test: an admin session, a fresh test store and a storefront client on it. */
export async function openTestShop(api: Api, container: MedusaContainer): Promise<TestShop> {
  const admin = await createAdminHeaders(container)
  const store = await createTestStore(container)
  return { admin, store, shop: storefront(api, store) }
}

/** Line id of a product in a cart. */
export const lineOf = (cart: any, store: TestStore, key: ProductKey) =>
  cart.items.find((i: any) => i.variant_id === store.variants[key])
