/*
 * Loading a cart for the rules, judging a code on it and writing the coupon's shares:
 * they share the CouponCart shape and the fingerprint. Splitting load / judge / write
 * into their own files (issue 12) is left for a later change.
 */
import { createHash } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../modules/coupon"
import type CouponModuleService from "../../modules/coupon/service"
import type { CartCouponRow } from "../../modules/coupon/checkout-queries"
import { normalizeCode } from "../../modules/coupon/lib/code-generation"
import { expandCategoryIds, isSaleItem } from "../../modules/coupon/lib/eligibility"
import {
  CouponEvaluation,
  CouponForEvaluation,
  evaluateCoupon,
} from "../../modules/coupon/lib/evaluate-coupon"
import { toMajorUnits, toMinorUnits } from "../../modules/coupon/lib/money"
import { contactCodeExpiry } from "../../modules/coupon/lib/campaign"
import { isContactHolder } from "../../modules/coupon/lib/wallet"
import { currentCouponShippingShares, writeCouponShippingAdjustments } from "./coupon-shipping-shares"

export { currentCouponShippingShares }

/** Marks the line-item adjustments this plugin owns. */
export const COUPON_ADJUSTMENT_PROVIDER = "coupon"

export const couponAdjustmentDescription = (code: string) => `Coupon ${code}`

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

function asCouponCart(cart: any): CouponCart {
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

export type CartCouponVerdict = {
  cart: CouponCart
  settings: Awaited<ReturnType<CouponModuleService["getSettings"]>>
  code: string
  coupon: any | null
  serial: any | null
  evaluation: CouponEvaluation
}

/**
 * Judges a code on a cart by docs/rules.md §2–§3, reading what the rules need.
 * The cart may still be loading: the code's lookups do not wait for it.
 * `expected` names the coupon and serial code the code opened when it was
 * applied, so their uses are read alongside the lookups instead of after
 * them (read again, after, when the code now opens something else).
 */
export async function judgeCouponOnCart(
  container: MedusaContainer,
  cartOrLoading: CouponCart | Promise<CouponCart>,
  rawCode: string,
  { now = new Date(), expected }: { now?: Date; expected?: { coupon_id: string; coupon_code_id: string | null } } = {}
): Promise<CartCouponVerdict> {
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loading = Promise.resolve(cartOrLoading).then(asCouponCart)
  const usageOf = (cart: CouponCart, couponId: string, couponCodeId: string | null) =>
    couponService.usageSnapshot({
      coupon_id: couponId,
      cart_id: cart.id,
      customer_id: cart.customer_id,
      email: cart.email,
      coupon_code_id: couponCodeId,
    })
  // One Promise.all from the start: a failed cart read is handled, whichever finishes first.
  const [settings, found, cartWithProducts, blocked, expectedUsage] = await Promise.all([
    couponService.getSettings(),
    findCouponByCode(couponService, rawCode),
    loading.then((cart) => withLineProducts(container, cart)),
    loading.then((cart) => (cart.customer_id ? couponService.isCustomerBlocked(cart.customer_id) : false)),
    expected ? loading.then((cart) => usageOf(cart, expected.coupon_id, expected.coupon_code_id)) : null,
  ])
  const { code, coupon, serial } = found
  let cart = cartWithProducts

  let scoped: Set<string> | null = null
  // Uses of the serial code by other carts (this cart's own hold is its own).
  let serialUses = 0
  let walletExpiresAt: Date | null = null
  let customerGroups: { group_ids: string[]; has_account: boolean } | null = null
  const usage = { total: 0, by_customer: 0, customer_has_prior_order: false, earliest_hold_release: null as Date | null }
  if (coupon && settings.enabled) {
    const opensExpected =
      expectedUsage && expected!.coupon_id === coupon.id && expected!.coupon_code_id === (serial?.id ?? null)
    // Whatever else the rules need, read at once.
    const [snapshot, categories, priorOrders, walletEntry, cartWithCategories, groups] = await Promise.all([
      opensExpected ? expectedUsage : usageOf(cart, coupon.id, serial?.id ?? null),
      coupon.category_ids?.length
        ? query.graph({ entity: "product_category", fields: ["id", "parent_category_id"] }).then((r) => r.data)
        : Promise.resolve(null),
      coupon.first_order_only && (cart.customer_id || cart.email)
        ? query
            .graph({
              entity: "order",
              fields: ["id"],
              filters: {
                status: { $ne: "canceled" },
                ...(cart.customer_id ? { customer_id: cart.customer_id } : { email: cart.email }),
              } as any,
              pagination: { take: 1 },
            })
            .then((r) => r.data)
        : Promise.resolve([]),
      serial?.customer_id
        ? isContactHolder(serial.customer_id)
          ? contactCodeEntry(couponService, serial.customer_id, coupon.ends_at)
          : couponService
              .listCouponWalletEntries(
                { customer_id: serial.customer_id, coupon_code_id: serial.id, state: "available" },
                { select: ["expires_at"], take: 1 }
              )
              .then(([entry]) => entry ?? null)
        : Promise.resolve(null),
      coupon.category_ids?.length ? withLineProducts(container, cart, { categories: true }) : cart,
      coupon.customer_group_ids?.length && cart.customer_id ? customerGroupFacts(container, cart) : Promise.resolve(null),
    ])
    customerGroups = groups
    cart = cartWithCategories
    usage.total = snapshot.total
    usage.by_customer = cart.customer_id || cart.email ? snapshot.by_customer : 0
    usage.earliest_hold_release = snapshot.earliest_hold_release
    serialUses = snapshot.by_code
    scoped = categories ? expandCategoryIds(coupon.category_ids, categories as any) : null
    usage.customer_has_prior_order = priorOrders.length > 0
    walletExpiresAt = walletEntry?.expires_at ?? null
  }

  const evaluation = evaluateCoupon({
    code,
    settings,
    coupon: coupon as unknown as CouponForEvaluation | null,
    serial: serial
      ? { customer_id: serial.customer_id, max_uses: serial.max_uses, usage_count: serialUses, wallet_expires_at: walletExpiresAt }
      : null,
    cart: {
      currency_code: cart.currency_code,
      customer_id: cart.customer_id,
      metadata: cart.metadata,
      sales_channel_id: cart.sales_channel_id ?? null,
      region_id: cart.region_id ?? null,
      customer_group_ids: customerGroups?.group_ids ?? [],
      customer_has_account: customerGroups?.has_account ?? false,
      shipping_country_code: cart.shipping_address?.country_code ?? null,
      shipping_methods: (cart.shipping_methods ?? []).map((method: any) => ({ id: method.id, amount: Number(method.amount) })),
      items: cart.items.map((item) => ({
        id: item.id,
        quantity: Number(item.quantity),
        unit_price: Number(item.unit_price),
        product_id: item.product_id,
        product_category_ids: item.product_facts?.category_ids ?? [],
        is_discountable: item.is_discountable,
        is_giftcard: item.is_giftcard,
        is_sale: isSaleItem(Number(item.unit_price), item.compare_at_unit_price == null ? null : Number(item.compare_at_unit_price)),
        product_metadata: item.product_facts?.metadata ?? null,
        product_type: item.product_facts?.type ?? null,
        requires_shipping: item.requires_shipping,
      })),
    },
    scoped_category_ids: scoped,
    customer_blocked: blocked,
    usage,
    now,
  })
  return { cart, settings, code, coupon, serial, evaluation }
}

/**
 * The customer's Medusa customer groups and whether they have an account
 * (docs/rules.md §7.2: Medusa gives a guest cart a customer without one),
 * read only for coupons limited to groups: from the cart when Medusa's
 * refresh read them.
 */
async function customerGroupFacts(
  container: MedusaContainer,
  cart: any
): Promise<{ group_ids: string[]; has_account: boolean }> {
  let customer = cart.customer
  if (!Array.isArray(customer?.groups) || typeof customer?.has_account !== "boolean") {
    const { data } = await container
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({ entity: "customer", fields: ["has_account", "groups.id"], filters: { id: cart.customer_id } })
    customer = data[0]
  }
  return { group_ids: (customer?.groups ?? []).map((group: any) => group.id), has_account: !!customer?.has_account }
}

/**
 * The split as the cart's coupon row keeps it: item shares and a shipping
 * coupon's shipping-method shares in one list, so a refresh of an unchanged
 * cart writes both again without judging.
 */
export type StoredCouponShare = { item_id: string; amount: number } | { shipping_method_id: string; amount: number }

export function couponSharesToStore(evaluation: {
  allocations: { item_id: string; amount: number }[]
  shipping_allocations?: { shipping_method_id: string; amount: number }[]
}): StoredCouponShare[] {
  return [...evaluation.allocations, ...(evaluation.shipping_allocations ?? [])]
}

/** The cart row's fingerprint and split after a judgement (what apply and refresh store). */
export function couponSplitToStore(cart: CouponCart, coupon: { target?: string | null }, evaluation: any) {
  return {
    cart_fingerprint: cartCouponFingerprint(cart, { shipping: coupon.target === "shipping" }),
    allocations: couponSharesToStore(evaluation) as any,
  }
}

/** The coupon's shares now on the cart, per item, in minor units. */
export function currentCouponShares(cart: CouponCart): Map<string, number> {
  const shares = new Map<string, number>()
  for (const item of cart.items) {
    for (const adj of item.adjustments ?? []) {
      if (adj.provider_id === COUPON_ADJUSTMENT_PROVIDER) {
        shares.set(item.id, (shares.get(item.id) ?? 0) + toMinorUnits(Number(adj.amount), cart.currency_code))
      }
    }
  }
  return shares
}

/**
 * Makes the cart's coupon adjustments equal the given shares (none to clear
 * them). They carry the coupon's code, as a promotion's adjustments carry
 * its code, so the order and Medusa's admin name the coupon; Medusa's
 * promotion refresh never sees them (withoutCouponAdjustments), so it
 * neither removes nor recomputes them.
 */
export async function writeCouponAdjustments(
  container: MedusaContainer,
  cart: CouponCart,
  code: string | null,
  shares: StoredCouponShare[]
) {
  await writeCouponShippingAdjustments(
    container,
    cart,
    code,
    shares.filter((s): s is { shipping_method_id: string; amount: number } => "shipping_method_id" in s)
  )
  const allocations = shares.filter((s): s is { item_id: string; amount: number } => "item_id" in s)
  const wanted = new Map(allocations.filter((a) => a.amount > 0).map((a) => [a.item_id, a.amount]))
  const current = currentCouponShares(cart)
  const same = wanted.size === current.size && [...wanted].every(([id, amount]) => current.get(id) === amount)
  const codeUnchanged = cart.items.every((item) =>
    (item.adjustments ?? []).every(
      (adj: any) =>
        adj.provider_id !== COUPON_ADJUSTMENT_PROVIDER ||
        (adj.code === code && adj.description === couponAdjustmentDescription(code ?? ""))
    )
  )
  if (same && codeUnchanged) return

  const cartModule = container.resolve(Modules.CART)
  const staleIds = cart.items.flatMap((item) =>
    (item.adjustments ?? []).filter((a: any) => a.provider_id === COUPON_ADJUSTMENT_PROVIDER).map((a: any) => a.id)
  )
  if (staleIds.length) {
    await cartModule.softDeleteLineItemAdjustments(staleIds)
  }
  if (code && wanted.size) {
    const taxInclusive = new Map(cart.items.map((i) => [i.id, !!i.is_tax_inclusive]))
    await cartModule.addLineItemAdjustments(
      [...wanted].map(([item_id, amount]) => ({
        item_id,
        amount: toMajorUnits(amount, cart.currency_code),
        code,
        description: couponAdjustmentDescription(code),
        provider_id: COUPON_ADJUSTMENT_PROVIDER,
        is_tax_inclusive: taxInclusive.get(item_id) ?? false,
      }))
    )
  }
}

/**
 * The lines (or shipping methods) as Medusa's promotion engine may see them:
 * without the coupon's adjustments. computeActions removes every adjustment
 * with a code that no active promotion recomputes, so it must not see them.
 */
export function withoutCouponAdjustments<T extends { adjustments?: any[] | null }>(lines: T[]): T[] {
  return lines.map((line) =>
    line.adjustments?.some((adj: any) => adj?.provider_id === COUPON_ADJUSTMENT_PROVIDER)
      ? { ...line, adjustments: line.adjustments.filter((adj: any) => adj?.provider_id !== COUPON_ADJUSTMENT_PROVIDER) }
      : line
  )
}

export async function appliedCouponOf(container: MedusaContainer, cartId: string): Promise<CartCouponRow | null> {
  return container.resolve<CouponModuleService>(COUPON_MODULE).readCartCoupon(cartId)
}

/**
 * What a coupon's verdict on a cart depends on: its lines and prices, who is
 * buying, where (region, sales channel), and the order type. For a shipping
 * coupon (`shipping`) also the shipping methods and the address country;
 * for other coupons shipping, addresses and payment do not count, so
 * refreshing for those does not judge the coupon again.
 */
export function cartCouponFingerprint(
  cart: {
    region_id?: string | null
    region?: { id: string } | null
    sales_channel_id?: string | null
    currency_code: string
    customer_id?: string | null
    customer?: { id: string } | null
    email?: string | null
    metadata?: Record<string, unknown> | null
    items?: any[]
    shipping_address?: { country_code?: string | null } | null
    shipping_methods?: any[]
  },
  { shipping = false }: { shipping?: boolean } = {}
): string {
  const lines = (cart.items ?? [])
    .map((i: any) => [
      i.id,
      Number(i.quantity),
      Number(i.unit_price),
      i.compare_at_unit_price == null ? null : Number(i.compare_at_unit_price),
      i.is_discountable !== false,
    ])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
  return createHash("sha1")
    .update(
      JSON.stringify([
        cart.region_id ?? cart.region?.id ?? null,
        cart.sales_channel_id ?? null,
        cart.currency_code,
        cart.customer_id ?? cart.customer?.id ?? null,
        cart.email ?? null,
        cart.metadata?.order_type ?? null,
        cart.metadata?.is_renewal ?? null,
        lines,
        ...(shipping
          ? [
              "shipping",
              cart.shipping_address?.country_code?.toLowerCase() ?? null,
              (cart.shipping_methods ?? [])
                .map((m: any) => [m.id, Number(m.amount)])
                .sort((a: any[], b: any[]) => (a[0] < b[0] ? -1 : 1)),
            ]
          : []),
      ])
    )
    .digest("hex")
}

/**
 * Runs on every cart change (via the promotion refresh hook) with the cart
 * Medusa just read and the cart's coupon row: writes the coupon's shares
 * again when the cart is the one they were computed for, otherwise judges the
 * coupon on the changed cart and writes the new split — or removes the
 * coupon, recording why, when the change made it invalid. Returns whether
 * the coupon is still applied.
 */
export async function refreshCartCoupon(
  container: MedusaContainer,
  refreshed: any,
  application: CartCouponRow
): Promise<boolean> {
  if (application.status !== "applied") return false
  if (refreshed.completed_at) return true
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)

  // A fingerprint stored for a shipping coupon covers shipping too; an
  // item coupon's does not, and the two never match each other.
  const unchanged =
    application.cart_fingerprint === cartCouponFingerprint(refreshed) ||
    application.cart_fingerprint === cartCouponFingerprint(refreshed, { shipping: true })
  if (application.split_current && application.allocations && unchanged) {
    await writeCouponAdjustments(container, refreshed, application.code, application.allocations as any)
    return true
  }
  const { cart, coupon, evaluation } = await judgeCouponOnCart(container, refreshed, application.code, { expected: application })
  if (evaluation.ok) {
    await writeCouponAdjustments(container, cart, application.code, couponSharesToStore(evaluation))
    await couponService.updateCouponCarts({ id: application.id, ...couponSplitToStore(cart, coupon, evaluation) })
    return true
  }
  await writeCouponAdjustments(container, cart, null, [])
  await couponService.updateCouponCarts({
    id: application.id,
    status: "removed",
    removed_reason: `Coupon ${application.code} was removed: ${evaluation.message}`,
    cart_fingerprint: null,
    allocations: null,
  })
  return false
}

/**
 * The validity of a serial code a campaign contact without an account
 * redeemed (its holder is the recipient): what its wallet entry would say,
 * so the campaign's N days hold at checkout as they do for a wallet.
 */
async function contactCodeEntry(
  couponService: CouponModuleService,
  recipientId: string,
  couponEndsAt: Date | string | null | undefined
): Promise<{ expires_at: Date | null } | null> {
  const [recipient] = await couponService.listCouponCampaignRecipients(
    { id: recipientId },
    { relations: ["campaign"], select: ["id", "sent_at", "redeemed_at", "campaign.expiry_mode", "campaign.expiry_days"], take: 1 }
  )
  if (!recipient?.campaign || !recipient.redeemed_at) return null
  return { expires_at: contactCodeExpiry({ sent_at: recipient.sent_at, redeemed_at: recipient.redeemed_at }, recipient.campaign, couponEndsAt) }
}
