import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { openTestShop, TestShop } from "../helpers/store"

jest.setTimeout(180 * 1000)

// Read by medusa-config.ts when the runner loads it: adds pp_decline_decline.
process.env.COUPON_TEST_DECLINING_PAYMENT = "true"
afterAll(() => {
  delete process.env.COUPON_TEST_DECLINING_PAYMENT
})

const DECLINE = "pp_decline_decline"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let { admin, store, shop } = {} as TestShop

    beforeEach(async () => {
      ;({ admin, store, shop } = await openTestShop(api, getContainer()))
      await api.post(`/admin/regions/${store.regionId}`, { payment_providers: ["pp_system_default", DECLINE] }, admin)
      await api.post("/admin/coupons", { code: "ONLYONE", title: "t", type: "fixed", amount: 2, currency_code: "usd", usage_limit: 1 }, admin)
    })

    const couponState = async () => {
      const couponService: any = getContainer().resolve("coupon")
      const [coupon] = await couponService.listCoupons({ code: "ONLYONE" })
      const redemptions = await couponService.listCouponRedemptions({ coupon_id: coupon.id }, { order: { created_at: "ASC" } })
      return { usage_count: coupon.usage_count, statuses: redemptions.map((r: any) => [r.cart_id, r.status]) }
    }

    it("holds the coupon for the cart whose payment failed; that cart may retry, others are told when it frees up", async () => {
      const declined = await shop.createCart([["tee", 1]])
      await shop.applyCoupon(declined.id, "ONLYONE")
      const failed = await shop.complete(declined.id, DECLINE).catch((e) => e.response.data)
      expect(failed.type ?? failed.message).not.toBe("order")
      expect(await couponState()).toEqual({ usage_count: 1, statuses: [[declined.id, "held"]] })

      const other = await shop.createCart([["tee", 1]])
      const refused = await shop.applyCoupon(other.id, "ONLYONE").catch((e) => e.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(
        /^Coupon ONLYONE has reached its usage limit; some uses are held by checkouts that have not completed, and if they fail it frees up at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\.$/
      )
      const freesAt = new Date(refused.data.message.match(/frees up at (\S+)\.$/)[1]).getTime()
      // The default hold is 30 minutes.
      expect(Math.abs(freesAt - Date.now() - 30 * 60_000)).toBeLessThan(60_000)

      const retried = await shop.complete(declined.id)
      expect(retried.type).toBe("order")
      expect(retried.order.discount_total).toBe(2)
      // Same use: counted once.
      expect((await couponState()).usage_count).toBe(1)
    })

    it("frees the coupon once the hold has passed", async () => {
      const declined = await shop.createCart([["tee", 1]])
      await shop.applyCoupon(declined.id, "ONLYONE")
      await shop.complete(declined.id, DECLINE).catch((e) => e)
      expect((await couponState()).usage_count).toBe(1)

      // Time travel: the hold's end moves into the past, as 30 minutes passing would.
      const couponService: any = getContainer().resolve("coupon")
      const [held] = await couponService.listCouponRedemptions({ cart_id: declined.id })
      await couponService.updateCouponRedemptions({ id: held.id, hold_expires_at: new Date(Date.now() - 1000) })

      const next = await shop.createCart([["tee", 1]])
      await shop.applyCoupon(next.id, "ONLYONE")
      const completed = await shop.complete(next.id)
      expect(completed.type).toBe("order")
      expect(await couponState()).toEqual({
        usage_count: 1,
        statuses: [
          [declined.id, "released"],
          [next.id, expect.stringMatching(/^(held|redeemed)$/)],
        ],
      })
    })
  },
})
