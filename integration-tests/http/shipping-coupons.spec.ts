import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { openTestShop, TestShop } from "../helpers/store"

jest.setTimeout(180 * 1000)

/*
 * docs/rules.md §7.2 "Target": shipping coupons as Medusa shipping-method
 * adjustments, on the test store's $10 flat shipping, with exact money.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let { admin, store, shop } = {} as TestShop

    beforeEach(async () => {
      ;({ admin, store, shop } = await openTestShop(api, getContainer()))
    })

    const createCoupon = async (body: Record<string, unknown>) =>
      (await api.post("/admin/coupons", { target: "shipping", ...body }, admin)).data.coupon

    const post = (url: string, body: Record<string, unknown> = {}) =>
      api.post(url, body, { headers: shop.headers }).then((r: any) => r.data)

    const addShipping = (cartId: string) =>
      post(`/store/carts/${cartId}/shipping-methods`, { option_id: store.shippingOptionId }).then((d) => d.cart)

    /** Payment and completion of a cart that already has its shipping method. */
    const pay = async (cartId: string) => {
      const { payment_collection } = await post("/store/payment-collections", { cart_id: cartId })
      await post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
      return post(`/store/carts/${cartId}/complete`)
    }

    const shippingAdjustments = (cart: any) =>
      cart.shipping_methods.flatMap((m: any) => (m.adjustments ?? []).map((a: any) => [a.code, a.amount]))

    it("100 % off makes the $10 shipping free, through the payment and the order", async () => {
      await createCoupon({ code: "FREESHIP", title: "Free shipping", type: "percentage", percentage: 100 })
      const cart = await shop.createCart([["tee", 2]])
      // Applied before shipping is chosen: nothing to discount yet.
      const { cart: applied } = await shop.applyCoupon(cart.id, "FREESHIP")
      expect(applied.discount_total).toBe(0)
      expect(applied.items.flatMap((i: any) => i.adjustments ?? [])).toEqual([])

      const shipped = await addShipping(cart.id)
      expect(shippingAdjustments(shipped)).toEqual([["FREESHIP", 10]])
      expect(shipped.shipping_subtotal).toBe(10)
      expect(shipped.shipping_total).toBe(0)
      expect(shipped.total).toBe(20)

      const completed = await pay(cart.id)
      expect(completed.type).toBe("order")
      const { data } = await api.get(
        `/admin/orders/${completed.order.id}?fields=total,shipping_total,discount_total,*shipping_methods,*shipping_methods.adjustments,*payment_collections`,
        admin
      )
      expect(data.order).toMatchObject({ total: 20, shipping_total: 0, discount_total: 10 })
      expect(data.order.payment_collections[0].amount).toBe(20)
      expect(data.order.shipping_methods[0].adjustments.map((a: any) => [a.code, a.amount, a.description])).toEqual([
        ["FREESHIP", 10, "Coupon FREESHIP"],
      ])
      const couponService: any = getContainer().resolve("coupon")
      const [redemption] = await couponService.listCouponRedemptions({ cart_id: cart.id })
      expect(Number(redemption.discount_total)).toBe(10)
    })

    it("50 % off shipping: capped by max_discount, and a method above max_shipping_amount is not discounted", async () => {
      await createCoupon({ code: "HALFCAP", title: "Half", type: "percentage", percentage: 50, max_discount: 3, currency_code: "usd" })
      await createCoupon({ code: "HALFTEN", title: "Half", type: "percentage", percentage: 50, max_shipping_amount: 10, currency_code: "usd" })
      await createCoupon({ code: "HALFNINE", title: "Half", type: "percentage", percentage: 50, max_shipping_amount: 9.99, currency_code: "usd" })
      const cart = await shop.createCart([["hoodie", 1]])
      await addShipping(cart.id)

      const { cart: capped, coupon } = await shop.applyCoupon(cart.id, "HALFCAP")
      expect(shippingAdjustments(capped)).toEqual([["HALFCAP", 3]])
      expect(coupon).toMatchObject({
        discount_total: 3,
        allocations: [],
        shipping_allocations: [{ shipping_method_id: capped.shipping_methods[0].id, amount: 3 }],
      })
      expect(capped.shipping_total).toBe(7)
      expect(capped.total).toBe(67)

      // Replacing the coupon replaces its shipping adjustment.
      const half = (await shop.applyCoupon(cart.id, "HALFTEN")).cart
      expect(shippingAdjustments(half)).toEqual([["HALFTEN", 5]])
      expect(half.total).toBe(65)

      const above = (await shop.applyCoupon(cart.id, "HALFNINE")).cart
      expect(shippingAdjustments(above)).toEqual([])
      expect(above.shipping_total).toBe(10)
      expect(above.total).toBe(70)

      const removed = await api.delete(`/store/carts/${cart.id}/coupon`, { headers: shop.headers }).then((r: any) => r.data.cart)
      expect(shippingAdjustments(removed)).toEqual([])
      expect(removed.total).toBe(70)
    })

    it("refused for a country it does not cover, and removed with the reason when the address leaves its countries", async () => {
      await createCoupon({ code: "DEFREE", title: "Germany", type: "percentage", percentage: 100, country_codes: ["DE"] })
      await createCoupon({ code: "USFREE", title: "US", type: "percentage", percentage: 100, country_codes: ["us"] })
      const cart = await shop.createCart([["tee", 2]])
      const error: any = await shop.applyCoupon(cart.id, "DEFREE").catch((e: any) => e)
      expect(error.response?.status).toBe(400)
      expect(error.response.data).toMatchObject({
        code: "country_not_allowed",
        message: "Coupon DEFREE is for shipping to DE; this cart ships to US.",
        details: { country_codes: ["de"] },
      })

      await addShipping(cart.id)
      const { cart: free } = await shop.applyCoupon(cart.id, "USFREE")
      expect(shippingAdjustments(free)).toEqual([["USFREE", 10]])

      // The cart moves to Germany: the coupon no longer qualifies.
      const {
        result: [eu],
      } = await createRegionsWorkflow(getContainer()).run({
        input: { regions: [{ name: "EU", currency_code: "eur", countries: ["de"], payment_providers: ["pp_system_default"] }] },
      })
      await post(`/store/carts/${cart.id}`, {
        region_id: eu.id,
        shipping_address: { first_name: "A", last_name: "B", address_1: "1 Str", city: "Berlin", country_code: "de", postal_code: "10115" },
      })
      const moved = await shop.getCart(cart.id)
      expect(moved.shipping_methods.flatMap((m: any) => m.adjustments ?? [])).toEqual([])
      expect(moved.discount_total).toBe(0)
      expect(await shop.getCoupon(cart.id)).toEqual({
        coupon: null,
        notice: "Coupon USFREE was removed: Coupon USFREE is for shipping to US; this cart ships to DE.",
      })
    })
  },
})
