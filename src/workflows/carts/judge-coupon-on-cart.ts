/*
 * Judging a code on a cart (docs/rules.md §2–§3): reads what the rules need
 * and asks lib/evaluate-coupon.ts. Reads only; apply, refresh and claim
 * write what it decided.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../modules/coupon"
import type CouponModuleService from "../../modules/coupon/service"
import { expandCategoryIds, isSaleItem } from "../../modules/coupon/lib/eligibility"
import { CouponEvaluation, CouponForEvaluation, evaluateCoupon } from "../../modules/coupon/lib/evaluate-coupon"
import { contactCodeExpiry } from "../../modules/coupon/lib/campaign"
import { asCouponCart, type CouponCart, findCouponByCode, withLineProducts } from "./load-coupon-cart"

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
        ? couponService
            .listCouponWalletEntries(
              { customer_id: serial.customer_id, coupon_code_id: serial.id, state: "available" },
              { select: ["expires_at"], take: 1 }
            )
            .then(([entry]) => entry ?? null)
        : serial?.campaign_recipient_id
          ? contactCodeEntry(couponService, serial.campaign_recipient_id, coupon.ends_at)
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
 * The validity of a serial code a campaign contact without an account
 * redeemed (coupon_code.campaign_recipient_id): what its wallet entry would say,
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
