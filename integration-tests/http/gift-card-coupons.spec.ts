import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createTestStore, storefront } from "../helpers/store"

jest.setTimeout(180 * 1000)

// Read by medusa-config.ts when the runner loads it, before the app boots.
process.env.COUPON_WITH_LOYALTY_PLUGIN = "true"
afterAll(() => {
  delete process.env.COUPON_WITH_LOYALTY_PLUGIN
})

/*
 * docs/rules.md §7.2 "Gift cards and store credit": the coupon discounts the
 * items first, a gift card of @medusajs/loyalty-plugin pays what is left.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("coupon first, then a gift card pays part of the rest: the payment is what is left, to the cent", async () => {
      const container = getContainer()
      const admin = await createAdminHeaders(container)
      const store = await createTestStore(container)
      const shop = storefront(api, store)
      const post = (url: string, body: Record<string, unknown> = {}) =>
        api.post(url, body, { headers: shop.headers }).then((r: any) => r.data)

      await api.post("/admin/coupons", { code: "TENOFF", title: "t", type: "fixed", amount: 10, currency_code: "usd" }, admin)
      await api.post("/admin/gift-cards", { code: "GC-30", currency_code: "usd", value: 30 }, admin)

      const cart = await shop.createCart([["tee", 2], ["hoodie", 1]])
      await shop.applyCoupon(cart.id, "TENOFF")
      await post(`/store/carts/${cart.id}/shipping-methods`, { option_id: store.shippingOptionId })
      await post(`/store/carts/${cart.id}/gift-cards`, { code: "GC-30" })
      // $80 items − $10 coupon + $10 shipping = $80; the card pays $30 of it.
      const before = await shop.getCart(cart.id)
      expect(before.discount_total).toBe(10)
      expect(before.credit_line_total).toBe(30)
      expect(before.total).toBe(50)

      const { payment_collection } = await post("/store/payment-collections", { cart_id: cart.id })
      expect(payment_collection.amount).toBe(50)
      await post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
      const completed = await post(`/store/carts/${cart.id}/complete`)
      expect(completed.type).toBe("order")
      const { data } = await api.get(
        `/admin/orders/${completed.order.id}?fields=total,discount_total,credit_line_total,item_subtotal,*payment_collections`,
        admin
      )
      expect(data.order).toMatchObject({ item_subtotal: 80, discount_total: 10, credit_line_total: 30, total: 50 })
      expect(data.order.payment_collections[0].amount).toBe(50)
    })
  },
})
