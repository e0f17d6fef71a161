import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer } from "../helpers/customer"
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

      // A partial return: one tee ($10, its coupon share $2.50 of the line's $5).
      const orderId = completed.order.id
      const getOrder = async () =>
        (
          await api.get(
            `/admin/orders/${orderId}?fields=id,total,summary,*items,*payment_collections,*payment_collections.payments,*payment_collections.payments.refunds`,
            admin
          )
        ).data.order
      const placed = await getOrder()
      // The system provider only authorizes: the merchant captures; only fulfilled items can be returned.
      await api.post(`/admin/payments/${placed.payment_collections[0].payments[0].id}/capture`, {}, admin)
      await api.post(
        `/admin/orders/${orderId}/fulfillments`,
        { location_id: store.locationId, items: placed.items.map((i: any) => ({ id: i.id, quantity: i.quantity })) },
        admin
      )
      const tee = placed.items.find((i: any) => i.product_handle === "tee")
      const { data: ret } = await api.post("/admin/returns", { order_id: orderId, location_id: store.locationId }, admin)
      const lines = [{ id: tee.id, quantity: 1 }]
      await api.post(`/admin/returns/${ret.return.id}/request-items`, { items: lines }, admin)
      await api.post(`/admin/returns/${ret.return.id}/request`, {}, admin)
      await api.post(`/admin/returns/${ret.return.id}/receive`, {}, admin)
      await api.post(`/admin/returns/${ret.return.id}/receive-items`, { items: lines }, admin)
      await api.post(`/admin/returns/${ret.return.id}/receive/confirm`, {}, admin)
      const returned = await getOrder()
      // Medusa owes back the tee's price minus its coupon share, no more.
      expect(-returned.summary.pending_difference).toBe(7.5)
      const payment = returned.payment_collections[0].payments[0]
      // More than the card-paid payment captured is refused before anything is recorded.
      const tooMuch: any = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 50.01 }, admin).catch((e: any) => e)
      expect(tooMuch.response?.status).toBe(400)
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 7.5 }, admin)
      const refunded = await getOrder()
      expect(refunded.payment_collections[0].payments[0].refunds.map((r: any) => r.amount)).toEqual([7.5])
    })

    it("coupon first, then store credit pays part of the rest; the credit is spent, never paid out", async () => {
      const container = getContainer()
      const admin = await createAdminHeaders(container)
      const store = await createTestStore(container)
      const customer = await createCustomer(container)
      const shop = storefront(api, store, customer.token)
      const post = (url: string, body: Record<string, unknown> = {}) =>
        api.post(url, body, { headers: shop.headers }).then((r: any) => r.data)

      await api.post("/admin/coupons", { code: "TENOFF", title: "t", type: "fixed", amount: 10, currency_code: "usd" }, admin)
      const { data: account } = await api.post(
        "/admin/store-credit-accounts",
        { currency_code: "usd", customer_id: customer.id },
        admin
      )
      const accountId = account.store_credit_account.id
      await api.post(`/admin/store-credit-accounts/${accountId}/credit`, { amount: 25 }, admin)

      const cart = await shop.createCart([["tee", 2], ["hoodie", 1]])
      await shop.applyCoupon(cart.id, "TENOFF")
      await post(`/store/carts/${cart.id}/shipping-methods`, { option_id: store.shippingOptionId })
      await post(`/store/carts/${cart.id}/store-credits`, { amount: 25 })
      // $80 items − $10 coupon + $10 shipping = $80; $25 of store credit pays part of it.
      const before = await shop.getCart(cart.id)
      expect(before.discount_total).toBe(10)
      expect(before.credit_line_total).toBe(25)
      expect(before.total).toBe(55)

      const { payment_collection } = await post("/store/payment-collections", { cart_id: cart.id })
      expect(payment_collection.amount).toBe(55)
      await post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
      const completed = await post(`/store/carts/${cart.id}/complete`)
      expect(completed.type).toBe("order")
      const { data } = await api.get(
        `/admin/orders/${completed.order.id}?fields=total,discount_total,credit_line_total,*payment_collections,*payment_collections.payments`,
        admin
      )
      expect(data.order).toMatchObject({ discount_total: 10, credit_line_total: 25, total: 55 })
      const { data: after } = await api.get(`/admin/store-credit-accounts/${accountId}?fields=id,balance`, admin)
      expect(after.store_credit_account.balance).toBe(0)

      // Only the $55 paid can go back as money.
      const payment = data.order.payment_collections[0].payments[0]
      await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
      const tooMuch: any = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 55.01 }, admin).catch((e: any) => e)
      expect(tooMuch.response?.status).toBe(400)
    })
  },
})
