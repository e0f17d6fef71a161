/*
 * The coupon's shares as Medusa line-item adjustments: what is on the cart,
 * what the cart's coupon row stores, and writing them. A shipping coupon's
 * shipping-method shares are coupon-shipping-shares.ts.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { toMajorUnits, toMinorUnits } from "../../modules/coupon/lib/money"
import { cartCouponFingerprint } from "./cart-coupon-fingerprint"
import { writeCouponShippingAdjustments } from "./coupon-shipping-shares"
import type { CouponCart } from "./load-coupon-cart"

/** Marks the line-item adjustments this plugin owns. */
export const COUPON_ADJUSTMENT_PROVIDER = "coupon"

export const couponAdjustmentDescription = (code: string) => `Coupon ${code}`

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

/** The coupon's shares now on some lines (items or shipping methods), per line, in minor units. */
export function couponSharesOn(lines: { id: string; adjustments?: any[] | null }[], currencyCode: string): Map<string, number> {
  const shares = new Map<string, number>()
  for (const line of lines) {
    for (const adj of line.adjustments ?? []) {
      if (adj?.provider_id === COUPON_ADJUSTMENT_PROVIDER) {
        shares.set(line.id, (shares.get(line.id) ?? 0) + toMinorUnits(Number(adj.amount), currencyCode))
      }
    }
  }
  return shares
}

/** The coupon's shares now on the cart, per item, in minor units. */
export function currentCouponShares(cart: CouponCart): Map<string, number> {
  return couponSharesOn(cart.items, cart.currency_code)
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

