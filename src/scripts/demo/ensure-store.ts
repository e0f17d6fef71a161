import {
  createApiKeysWorkflow,
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
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { DEMO } from "./data"
import type { SeedContext } from "./seed-context"

/*
 * The store around the catalog: currency, region, tax, sales channel,
 * warehouse, shipping, defaults and the publishable key. Each step looks its
 * record up (by name, title or code) before creating it.
 */

/** USD as the store's default currency, beside whatever the store has. */
export async function ensureStoreCurrency({ container, note }: SeedContext) {
  const [store] = await container.resolve(Modules.STORE).listStores({}, { relations: ["supported_currencies"] })
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
  return store
}

export async function ensureRegion({ container, note }: SeedContext) {
  const [region] = await container.resolve(Modules.REGION).listRegions({ name: DEMO.regionName })
  if (region) return region
  const { result } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        { name: DEMO.regionName, currency_code: DEMO.currency, countries: [DEMO.country], payment_providers: ["pp_system_default"] },
      ],
    },
  })
  note(`region "${DEMO.regionName}"`)
  return result[0]
}

export async function ensureTaxRegion({ container, note }: SeedContext) {
  const taxRegions = await container.resolve(Modules.TAX).listTaxRegions({ country_code: DEMO.country })
  if (taxRegions.some((t) => !t.parent_id)) return
  await createTaxRegionsWorkflow(container).run({ input: [{ country_code: DEMO.country, provider_id: "tp_system" }] })
  note(`tax region "${DEMO.country}"`)
}

export async function ensureSalesChannel({ container, note }: SeedContext) {
  const [salesChannel] = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({ name: DEMO.salesChannelName })
  if (salesChannel) return salesChannel
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: DEMO.salesChannelName, description: "Storefront of the coupon plugin demo" }] },
  })
  note(`sales channel "${DEMO.salesChannelName}"`)
  return result[0]
}

/** The warehouse: stock location, its fulfillment provider, set and service zone, and the channel it serves. */
export async function ensureWarehouse({ container, note }: SeedContext, salesChannelId: string) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillmentService = container.resolve(Modules.FULFILLMENT)
  let [stockLocation] = await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: DEMO.stockLocationName })
  if (!stockLocation) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [{ name: DEMO.stockLocationName, address: { city: "New York", country_code: "US", address_1: "1 Demo Street" } }],
      },
    })
    stockLocation = result[0]
    note(`stock location "${DEMO.stockLocationName}"`)
  }

  const {
    data: [locationLinks],
  } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
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
      service_zones: [{ name: DEMO.serviceZoneName, geo_zones: [{ type: "country", country_code: DEMO.country }] }],
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

  if (!linkedChannels.includes(salesChannelId)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: stockLocation.id, add: [salesChannelId] } })
    note("link sales channel → stock location")
  }
  return { stockLocation, serviceZone }
}

/** The default shipping profile and the flat-rate option of the service zone. */
export async function ensureShipping({ container, note }: SeedContext, regionId: string, serviceZoneId: string) {
  const fulfillmentService = container.resolve(Modules.FULFILLMENT)
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
    service_zone: { id: serviceZoneId },
  })
  if (!shippingOption) {
    await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: DEMO.shippingOptionName,
          price_type: "flat",
          provider_id: "manual_manual",
          service_zone_id: serviceZoneId,
          shipping_profile_id: shippingProfile.id,
          type: { label: "Standard", description: "Ships in 2-3 days.", code: "standard" },
          prices: [
            { currency_code: DEMO.currency, amount: 8 },
            { region_id: regionId, amount: 8 },
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
  return shippingProfile
}

export async function ensureStoreDefaults(
  { container, note }: SeedContext,
  store: { id: string; default_region_id?: string | null; default_location_id?: string | null; default_sales_channel_id?: string | null },
  defaults: { default_region_id: string; default_location_id: string; default_sales_channel_id: string }
) {
  if (
    store.default_region_id === defaults.default_region_id &&
    store.default_location_id === defaults.default_location_id &&
    store.default_sales_channel_id === defaults.default_sales_channel_id
  ) {
    return
  }
  await updateStoresWorkflow(container).run({ input: { selector: { id: store.id }, update: defaults } })
  note("store defaults (region, location, sales channel)")
}

/** The storefront's publishable key, linked to the demo sales channel. */
export async function ensurePublishableKey({ container, note }: SeedContext, salesChannelId: string) {
  let [apiKey] = await container.resolve(Modules.API_KEY).listApiKeys({ title: DEMO.apiKeyTitle, type: "publishable" })
  if (!apiKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: DEMO.apiKeyTitle, type: "publishable", created_by: "" }] },
    })
    apiKey = result[0]
    note(`publishable API key "${DEMO.apiKeyTitle}"`)
  }
  const {
    data: [keyLinks],
  } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "api_key",
    fields: ["id", "sales_channels.id"],
    filters: { id: apiKey.id },
  })
  if (!(keyLinks?.sales_channels ?? []).some((s: any) => s?.id === salesChannelId)) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [salesChannelId] } })
    note("link publishable key → sales channel")
  }
  return apiKey
}
