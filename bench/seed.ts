/**
 * Seeds the benchmark store (run by bench/run.mjs through `medusa exec`):
 * the integration tests' USD store (integration-tests/helpers/store.ts) plus
 * two more products, so a cart can hold 10 different lines. All 10 products
 * are made "regular" (no product_kind), so every line is eligible for the
 * coupon exactly as it is for Medusa's promotion: both variants then discount
 * the same 10 lines and write 10 adjustments.
 *
 * Writes what the bench client needs as JSON to $BENCH_SEED_OUT.
 */
import fs from "node:fs/promises"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createProductsWorkflow, updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { createTestStore, PRODUCTS } from "../integration-tests/helpers/store"

const EXTRA = {
  socks: { title: "Socks", price: 8 },
  scarf: { title: "Scarf", price: 22 },
} as const

export default async function seedBench({ container }: ExecArgs) {
  const out = process.env.BENCH_SEED_OUT
  if (!out) throw new Error("BENCH_SEED_OUT is not set")

  const store = await createTestStore(container)

  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const [profile] = await fulfillmentModule.listShippingProfiles({ name: "Default" })
  const { result: extra } = await createProductsWorkflow(container).run({
    input: {
      products: Object.entries(EXTRA).map(([handle, p]) => ({
        title: p.title,
        handle,
        status: "published" as const,
        shipping_profile_id: profile.id,
        category_ids: [store.categories.apparel],
        sales_channels: [{ id: store.salesChannelId }],
        options: [{ title: "Size", values: ["One"] }],
        variants: [
          {
            title: "One",
            sku: `sku-${handle}`,
            manage_inventory: false,
            options: { Size: "One" },
            prices: [{ currency_code: "usd", amount: p.price }],
          },
        ],
      })),
    },
  })

  // The test store marks three products print-on-demand, virtual and
  // supplier goods, which coupons skip by default: make them regular.
  const kinded = Object.entries(PRODUCTS)
    .filter(([, p]) => "kind" in p)
    .map(([key]) => store.products[key as keyof typeof PRODUCTS])
  await updateProductsWorkflow(container).run({
    input: { selector: { id: kinded }, update: { metadata: { product_kind: "" } } },
  })

  const variants: Record<string, string> = { ...store.variants }
  for (const product of extra) variants[product.handle] = product.variants[0].id
  const prices: Record<string, number> = {
    ...Object.fromEntries(Object.entries(PRODUCTS).map(([k, p]) => [k, "sale" in p ? p.sale : p.price])),
    ...Object.fromEntries(Object.entries(EXTRA).map(([k, p]) => [k, p.price])),
  }

  await fs.writeFile(
    out,
    JSON.stringify(
      {
        publishable_key: store.publishableKey,
        region_id: store.regionId,
        sales_channel_id: store.salesChannelId,
        shipping_option_id: store.shippingOptionId,
        variants,
        prices,
      },
      null,
      2
    )
  )
}
