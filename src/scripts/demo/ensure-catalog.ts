import {
  createInventoryLevelsWorkflow,
  createPriceListsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
} from "@medusajs/medusa/core-flows"
import type { CreateProductWorkflowInputDTO } from "@medusajs/framework/types"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import { CATEGORIES, DEMO, PRODUCTS } from "./data"
import type { SeedContext } from "./seed-context"

/*
 * The demo catalog: categories, products, stock at the warehouse and the sale
 * price list. Each step looks its records up (by handle, SKU or title) first.
 */

const variantSku = (productSku: string, value: string) => `${productSku}-${value.toUpperCase().replace(/[^A-Z0-9]+/g, "")}`

/** Categories, parents first; their ids by handle. */
export async function ensureCategories({ container, note }: SeedContext): Promise<Record<string, string>> {
  const categoryIds: Record<string, string> = {}
  const existing = await container.resolve(Modules.PRODUCT).listProductCategories({ handle: CATEGORIES.map((c) => c.handle) })
  for (const c of existing) categoryIds[c.handle] = c.id
  for (const c of CATEGORIES) {
    if (categoryIds[c.handle]) continue
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: {
        product_categories: [
          { name: c.name, handle: c.handle, is_active: true, parent_category_id: c.parent ? categoryIds[c.parent] : null },
        ],
      },
    })
    categoryIds[c.handle] = result[0].id
    note(`category "${c.name}"`)
  }
  return categoryIds
}

export async function ensureProducts(
  { container, note }: SeedContext,
  { categoryIds, shippingProfileId, salesChannelId }: { categoryIds: Record<string, string>; shippingProfileId: string; salesChannelId: string }
) {
  const existing = await container
    .resolve(Modules.PRODUCT)
    .listProducts({ handle: PRODUCTS.map((p) => p.handle) }, { select: ["id", "handle"] })
  const existingHandles = new Set(existing.map((p) => p.handle))
  const missing = PRODUCTS.filter((p) => !existingHandles.has(p.handle))
  if (!missing.length) return
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
    shipping_profile_id: p.kind === "virtual" ? undefined : shippingProfileId,
    sales_channels: [{ id: salesChannelId }],
    options: [{ title: p.option.title, values: p.option.values }],
    variants: p.option.values.map((value) => ({
      title: value,
      sku: variantSku(p.sku, value),
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

/** 100 of every stock item at the demo warehouse. */
export async function ensureInventory({ container, note }: SeedContext, stockLocationId: string) {
  const inventoryService = container.resolve(Modules.INVENTORY)
  const stockSkus = PRODUCTS.filter((p) => !p.kind).flatMap((p) => p.option.values.map((value) => variantSku(p.sku, value)))
  const inventoryItems = await inventoryService.listInventoryItems({ sku: stockSkus })
  const levels = await inventoryService.listInventoryLevels({
    inventory_item_id: inventoryItems.map((i) => i.id),
    location_id: stockLocationId,
  })
  const stocked = new Set(levels.map((l) => l.inventory_item_id))
  const newLevels = inventoryItems
    .filter((i) => !stocked.has(i.id))
    .map((i) => ({ inventory_item_id: i.id, location_id: stockLocationId, stocked_quantity: 100 }))
  if (!newLevels.length) return
  await createInventoryLevelsWorkflow(container).run({ input: { inventory_levels: newLevels } })
  note(`${newLevels.length} inventory levels`)
}

/** The sale price list: carts get compare_at_unit_price for these items. */
export async function ensureSaleList({ container, note }: SeedContext) {
  const saleList = (await container.resolve(Modules.PRICING).listPriceLists({ q: DEMO.saleTitle })).find(
    (l) => l.title === DEMO.saleTitle
  )
  if (saleList) return
  const saleHandles = PRODUCTS.filter((p) => p.sale_price !== undefined).map((p) => p.handle)
  const saleProducts = await container.resolve(Modules.PRODUCT).listProducts({ handle: saleHandles }, { relations: ["variants"] })
  const prices = saleProducts.flatMap((product) => {
    const def = PRODUCTS.find((p) => p.handle === product.handle)!
    return (product.variants ?? []).map((v) => ({ variant_id: v.id, amount: def.sale_price!, currency_code: DEMO.currency }))
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
