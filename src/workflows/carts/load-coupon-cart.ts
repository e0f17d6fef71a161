/*
 * Loading a cart for the rules: the cart's lines and adjustments, what the
 * rules read of the lines' products, the coupon a code opens, and the cart's
 * coupon row. The first step of every cart operation (docs/architecture.md).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../modules/coupon"
import type CouponModuleService from "../../modules/coupon/service"
import type { CartCouponRow } from "../../modules/coupon/checkout-queries"
import { normalizeCode } from "../../modules/coupon/lib/code-generation"

export const COUPON_CART_FIELDS = [
  "id",
  "region_id",
  "currency_code",
  "customer_id",
  "email",
  "metadata",
  "completed_at",
  "items.id",
  "items.quantity",
  "items.unit_price",
  "items.compare_at_unit_price",
  "items.is_discountable",
  "items.is_giftcard",
  "items.is_tax_inclusive",
  "items.requires_shipping",
  "items.product_id",
  "items.created_at",
  "items.adjustments.id",
  "items.adjustments.amount",
  "items.adjustments.code",
  "items.adjustments.provider_id",
  "items.adjustments.description",
  // docs/rules.md §7.2: where the cart is, and what a shipping coupon discounts
  "sales_channel_id",
  "shipping_address.country_code",
  "shipping_methods.id",
  "shipping_methods.amount",
  "shipping_methods.adjustments.id",
  "shipping_methods.adjustments.amount",
  "shipping_methods.adjustments.code",
  "shipping_methods.adjustments.provider_id",
  "shipping_methods.adjustments.description",
]

export type CouponCart = {
  id: string
  region_id?: string | null
  currency_code: string
  customer_id: string | null
  email: string | null
  metadata: Record<string, unknown> | null
  completed_at: Date | null
  items: any[]
  sales_channel_id?: string | null
  shipping_address?: { country_code?: string | null } | null
  shipping_methods?: any[]
}

/**
 * A cart's lines and their adjustments; what the rules read of the lines'
 * products is read when a code is judged (see withLineProducts).
 * `extraFields`: more of the cart read in the same query (say, its promotions).
 */
export async function loadCouponCart(
  container: MedusaContainer,
  cartId: string,
  extraFields: string[] = []
): Promise<CouponCart> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [cart],
  } = await query.graph({ entity: "cart", fields: [...COUPON_CART_FIELDS, ...extraFields], filters: { id: cartId } })
  if (!cart) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id ${cartId} was not found.`)
  }
  return asCouponCart(cart)
}

/** What the rules read of a line's product, as `product_facts` on the line (see withLineProducts). */
export type LineProductFacts = {
  metadata: Record<string, unknown> | null
  type: string | null
  category_ids?: string[]
}

/**
 * The cart's lines with what the rules read of their products: the kind
 * (metadata and type) and, with `categories`, the categories, which only
 * coupons limited to categories need and which cost as much to read as the
 * rest. Lines that already carry them (an earlier call) are not read again.
 */
export async function withLineProducts(
  container: MedusaContainer,
  cart: CouponCart,
  { categories = false }: { categories?: boolean } = {}
): Promise<CouponCart> {
  const lacking = (item: any) =>
    !!item.product_id && (!item.product_facts || (categories && !item.product_facts.category_ids))
  const productIds = [...new Set<string>(cart.items.filter(lacking).map((item) => item.product_id))]
  if (!productIds.length) return cart
  // The product module itself: a Query graph costs a third more CPU here.
  const products = await container
    .resolve(Modules.PRODUCT)
    .listProducts(
      { id: productIds },
      categories
        ? { select: ["id", "metadata", "type.value", "categories.id"], relations: ["type", "categories"] }
        : { select: ["id", "metadata", "type.value"], relations: ["type"] }
    )
  const factsById = new Map<string, LineProductFacts>(
    products.map((product: any) => [
      product.id,
      {
        metadata: product.metadata ?? null,
        type: product.type?.value ?? null,
        ...(categories ? { category_ids: (product.categories ?? []).map((category: any) => category.id) } : {}),
      },
    ])
  )
  // A deleted product has no facts: its line counts as a line of no kind.
  const none: LineProductFacts = { metadata: null, type: null, ...(categories ? { category_ids: [] } : {}) }
  return {
    ...cart,
    items: cart.items.map((item) =>
      lacking(item) ? { ...item, product_facts: factsById.get(item.product_id) ?? none } : item
    ),
  }
}

export function asCouponCart(cart: any): CouponCart {
  // Lines in the order they were added: ties in the split go to the first.
  const items = [...(cart.items ?? [])].sort(
    (a: any, b: any) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || (a.id < b.id ? -1 : 1)
  )
  // Medusa's own cart reads name the customer only as `customer.*`.
  // Completion's cart names the region only as `region.*`.
  return {
    ...cart,
    customer_id: cart.customer_id ?? cart.customer?.id ?? null,
    region_id: cart.region_id ?? cart.region?.id ?? null,
    items,
  }
}

/** The coupon a code opens: its own shared code, or one of its serial codes. */
export async function findCouponByCode(couponService: CouponModuleService, rawCode: string) {
  const code = normalizeCode(rawCode)
  // Both lookups at once: a code is a shared or a serial code, never both.
  const [[shared], serial] = await Promise.all([couponService.listCoupons({ code }), couponService.readSerialCode(code)])
  if (shared) return { code, coupon: shared, serial: null }
  if (serial) {
    // Soft-deleted coupons are not listed: a code of a deleted coupon opens nothing.
    const [coupon] = await couponService.listCoupons({ id: serial.coupon_id })
    if (coupon) return { code, coupon, serial }
  }
  return { code, coupon: null, serial: null }
}

export async function appliedCouponOf(container: MedusaContainer, cartId: string): Promise<CartCouponRow | null> {
  return container.resolve<CouponModuleService>(COUPON_MODULE).readCartCoupon(cartId)
}

