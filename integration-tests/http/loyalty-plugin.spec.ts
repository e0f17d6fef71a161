import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createTestStore, storefront } from "../helpers/store"

jest.setTimeout(180 * 1000)

// Read by medusa-config.ts when the runner loads it, before the app boots.
process.env.COUPON_WITH_LOYALTY_PLUGIN = "true"
afterAll(() => {
  delete process.env.COUPON_WITH_LOYALTY_PLUGIN
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("boots beside @medusajs/loyalty-plugin and completes a coupon order", async () => {
      const container = getContainer()
      const admin = await createAdminHeaders(container)
      // The loyalty plugin is really loaded (its hooks register at boot, and a
      // second handler on any hook would have failed the boot).
      const giftCards = await api.get("/admin/gift-cards", admin)
      expect(giftCards.status).toBe(200)

      const store = await createTestStore(container)
      const shop = storefront(api, store)
      await api.post(
        "/admin/coupons",
        { code: "LOYAL3", title: "t", type: "fixed", amount: 3, currency_code: "usd" },
        admin
      )
      const cart = await shop.createCart([["tee", 2]])
      const { coupon } = await shop.applyCoupon(cart.id, "LOYAL3")
      expect(coupon.discount_total).toBe(3)
      const completed = await shop.complete(cart.id)
      expect(completed.type).toBe("order")
      const { data } = await api.get(`/admin/orders/${completed.order.id}?fields=total,discount_total`, admin)
      expect(data.order.discount_total).toBe(3)
      expect(data.order.total).toBe(27)
    })
  },
})
