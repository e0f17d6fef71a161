import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../modules/coupon"
import type { ListedCoupon } from "../../modules/coupon/checkout-queries"
import { currencyTerms } from "../../modules/coupon/lib/coupon-currency"
import type CouponModuleService from "../../modules/coupon/service"

/*
 * Storefronts list the codes applied to a cart from its `promotions` (and an
 * order's), and remove one by sending the list without it (docs/rules.md §7.1).
 * A coupon is no Medusa promotion — Medusa's promotion engine would redo its
 * split — so it is listed there by this middleware: every store answer that
 * carries a cart's or an order's `promotions` gets the applied coupon as one
 * more entry, with the code, `is_automatic: false` and an
 * `application_method` describing it, so an unchanged storefront shows it
 * and its remove button sends the list without it.
 */

/** The coupon as a storefront reads a promotion. */
export function couponAsPromotion(coupon: ListedCoupon, currencyCode: string | undefined) {
  const percentage = coupon.type === "percentage"
  // A coupon of several currencies is listed with the amount of the cart's (or order's) currency.
  const terms = currencyCode ? currencyTerms({ ...coupon, max_discount: null, min_spend: null } as any, currencyCode) : null
  const amount = terms?.covered ? terms.amount : coupon.amount
  return {
    id: coupon.coupon_id,
    code: coupon.code,
    is_automatic: false,
    is_tax_inclusive: false,
    type: "standard",
    status: "active",
    is_coupon: true,
    application_method: {
      type: coupon.type,
      value: Number(percentage ? coupon.percentage : amount),
      currency_code: currencyCode ?? coupon.currency_code ?? null,
      target_type: coupon.target === "shipping" ? "shipping_methods" : "items",
      allocation: "across",
    },
  }
}

type WithPromotions = { id: string; currency_code?: string; promotions?: unknown[] }

const listsPromotions = (entity: any): entity is WithPromotions =>
  !!entity && typeof entity === "object" && Array.isArray(entity.promotions) && typeof entity.id === "string"

/** Adds the applied coupon to each cart's or order's `promotions` in an answer body. */
async function listCoupons(req: MedusaRequest, body: any) {
  // `parent`: the cart of DELETE /store/carts/:id/line-items/:line_id.
  const carts: WithPromotions[] = [body.cart, body.parent].filter(listsPromotions)
  const orders: WithPromotions[] = [body.order, ...(Array.isArray(body.orders) ? body.orders : [])].filter(listsPromotions)
  if (!carts.length && !orders.length) return
  const cartIdOf = new Map<WithPromotions, string>(carts.map((cart) => [cart, cart.id]))
  if (orders.length) {
    const { data: links } = await req.scope
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({ entity: "order_cart", fields: ["order_id", "cart_id"], filters: { order_id: orders.map((o) => o.id) } })
    const cartOfOrder = new Map((links as any[]).map((link) => [link.order_id as string, link.cart_id as string]))
    for (const order of orders) {
      const cartId = cartOfOrder.get(order.id)
      if (cartId) cartIdOf.set(order, cartId)
    }
  }
  const coupons = await req.scope
    .resolve<CouponModuleService>(COUPON_MODULE)
    .readListedCoupons([...new Set(cartIdOf.values())])
  if (!coupons.length) return
  const couponOfCart = new Map(coupons.map((coupon) => [coupon.cart_id, coupon]))
  for (const [entity, cartId] of cartIdOf) {
    const coupon = couponOfCart.get(cartId)
    if (!coupon || entity.promotions!.some((p: any) => p?.id === coupon.coupon_id)) continue
    entity.promotions!.push(couponAsPromotion(coupon, entity.currency_code))
  }
}

export function listCouponAsPromotion(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const json = res.json.bind(res)
  res.json = ((body: any) => {
    if (res.statusCode >= 400 || !body || typeof body !== "object") return json(body)
    listCoupons(req, body).then(
      () => json(body),
      (error) => {
        req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`Could not list the coupon among promotions: ${error?.message}`)
        json(body)
      }
    )
    return res
  }) as any
  next()
}
