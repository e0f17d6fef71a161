import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, PromotionActions } from "@medusajs/framework/utils"
import type { UpdateCartPromotionsWorkflowInput } from "@medusajs/medusa/core-flows"
import { COUPON_MODULE } from "../../modules/coupon"
import { refuse } from "../../modules/coupon/errors"
import type { CartCouponRow } from "../../modules/coupon/checkout-queries"
import { ORDER_CART_MARKER } from "../../modules/coupon/reconcile-queries"
import type CouponModuleService from "../../modules/coupon/service"
import { couponSplitToStore } from "./coupon-adjustments"
import { judgeCouponOnCart } from "./judge-coupon-on-cart"
import { restoreCartCouponRow } from "./steps/update-cart-coupon"

/*
 * Putting a coupon on a cart (applyCouponToCartWorkflow). On a cart without
 * Medusa promotions the workflow calls putCouponOnCart itself, under the
 * cart's lock, and writes the split with refreshCouponOnCartWorkflow. On a
 * cart with promotions, applying is a run of Medusa's
 * updateCartPromotionsWorkflow — the promotion refresh every cart change
 * goes through — carrying the code: its validate hook
 * (hooks/cart-promotions.ts) calls putCouponOnCart on the cart it read
 * (undone should a later step fail), and setPromotionContext writes the
 * split and makes the promotions stand aside.
 */

/** The promotion refresh input that applies `code`. */
export type CouponRefreshInput = UpdateCartPromotionsWorkflowInput & { coupon_code?: string }

export function applyCouponInput(cartId: string, code: string): CouponRefreshInput {
  return {
    cart_id: cartId,
    promo_codes: [],
    action: PromotionActions.ADD,
    force_refresh_payment_collection: true,
    coupon_code: code,
  }
}

/** What undoes putCouponOnCart: the row it created, or the row as it was before. */
export type PutCouponUndo = { created?: string; previous?: CartCouponRow }

/**
 * The cart's coupon row as putCouponOnCart just wrote it, handed from the
 * validate hook to setPromotionContext of the same promotion refresh (keyed
 * by its transaction id), so the refresh does not read it again. In-process
 * only: a refresh that finds nothing here reads the row (same result).
 */
const justWritten = new Map<string, CartCouponRow>()

export function handOverWrittenRow(transactionId: string | undefined, row: CartCouponRow) {
  if (!transactionId) return
  // Entries of refreshes that failed between the two hooks are not kept.
  if (justWritten.size > 1000) justWritten.clear()
  justWritten.set(transactionId, row)
}

export function takeWrittenRow(transactionId: string | undefined): CartCouponRow | undefined {
  if (!transactionId) return undefined
  const row = justWritten.get(transactionId)
  justWritten.delete(transactionId)
  return row
}

/**
 * Judges the code on the cart the refresh read and makes it the cart's coupon,
 * replacing any other (one coupon per order). Refuses, with the first failed
 * rule of docs/rules.md §2 (404 for a code that does not exist), a code that may
 * not go on this cart. Manual promotion codes on the cart stand aside and are
 * remembered, so that removing the coupon brings them back.
 */
export async function putCouponOnCart(
  container: MedusaContainer,
  cart: any,
  rawCode: string
): Promise<{ undo: PutCouponUndo; row: CartCouponRow }> {
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const promotionIds = (cart.promotions ?? []).map((promotion: any) => promotion?.id).filter(Boolean)
  const [{ cart: judged, code, coupon, serial, evaluation }, previous, promotions] = await Promise.all([
    judgeCouponOnCart(container, cart, rawCode),
    couponService.readCartCoupon(cart.id),
    promotionIds.length
      ? query
          .graph({ entity: "promotion", fields: ["code", "is_automatic"], filters: { id: promotionIds } })
          .then((r) => r.data)
      : [],
  ])
  if (!evaluation.ok) {
    throw refuse(evaluation.rule, evaluation.message, evaluation.details)
  }
  const manualPromoCodes = promotions
    .filter((promotion: any) => promotion && !promotion.is_automatic && promotion.code)
    .map((promotion: any) => promotion.code as string)
  const values = {
    coupon_id: coupon.id as string,
    code,
    coupon_code_id: (serial?.id as string) ?? null,
    status: "applied" as const,
    removed_reason: null,
    // The refresh that follows writes these without judging again.
    ...couponSplitToStore(judged, coupon, evaluation),
  }
  // The cart names itself in its metadata, which Medusa copies into the
  // order: what ties an order to its cart when a completion dies before
  // Medusa links them (reconcile-queries.ts). Written once per cart.
  if (cart.metadata?.[ORDER_CART_MARKER] !== cart.id) await couponService.markCartForItsOrder(cart.id)
  if (previous) {
    const suspended = previous.status === "applied" ? previous.suspended_promo_codes : []
    const row = await couponService.updateCouponCarts({
      id: previous.id,
      ...values,
      suspended_promo_codes: [...new Set([...suspended, ...manualPromoCodes])],
    })
    return { undo: { previous }, row: asWrittenRow(row) }
  }
  const row = await couponService.createCouponCarts({ cart_id: cart.id, ...values, suspended_promo_codes: manualPromoCodes })
  return { undo: { created: row.id }, row: asWrittenRow(row) }
}

/** A row just written after a judgement that passed: its split is current (see CartCouponRow). */
function asWrittenRow(row: any): CartCouponRow {
  return { ...row, split_current: true }
}

export async function undoPutCouponOnCart(container: MedusaContainer, undo: PutCouponUndo) {
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  if (undo.created) await couponService.deleteCouponCarts(undo.created)
  if (undo.previous) await restoreCartCouponRow(couponService, undo.previous)
}
