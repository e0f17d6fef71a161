import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createCustomer } from "../helpers/customer"
import { TestStore, openTestShop, TestShop } from "../helpers/store"
import { refusal } from "../helpers/http"

jest.setTimeout(240 * 1000)

const DAY = 24 * 3600 * 1000
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10)

/** The read-only routes added for the admin dashboard: stat cards, the coupon chart, a customer's wallet. */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let { admin, store, shop } = {} as TestShop

    beforeEach(async () => {
      ;({ admin, store, shop } = await openTestShop(api, getContainer()))
    })

    const createCoupon = async (body: Record<string, unknown>) =>
      (await api.post("/admin/coupons", { currency_code: "usd", ...body }, admin)).data.coupon

    const placeOrder = async (code: string, lines: [any, number][]) => {
      const cart = await shop.createCart(lines)
      await shop.applyCoupon(cart.id, code)
      const completed = await shop.complete(cart.id)
      expect(completed.type).toBe("order")
      return completed.order.id as string
    }

    /** Moves a redemption's date back, as if the order had been placed that long ago. */
    const backdate = (orderId: string, days: number) =>
      dbConnection.raw(`UPDATE coupon_redemption SET created_at = now() - make_interval(days => ?) WHERE order_id = ?`, [
        days,
        orderId,
      ])

    describe("GET /admin/coupons/stats and GET /admin/coupons/:id/stats", () => {
      it("count the orders placed with a coupon in the last 30 UTC days and sum their discount per currency and day", async () => {
        const nine = await createCoupon({ code: "NINE", title: "Nine off", type: "fixed", amount: 9 })
        const pct = await createCoupon({ code: "PCT10", title: "Ten percent", type: "percentage", percentage: 10 })

        const today1 = await placeOrder("NINE", [["tee", 3]]) // $9 off $30
        const today2 = await placeOrder("PCT10", [["hoodie", 1]]) // 10% of $60 = $6
        const earlier = await placeOrder("NINE", [["mug", 1]]) // $9 off $15
        const tooOld = await placeOrder("NINE", [["tee", 1]]) // $9 off $10
        await backdate(earlier, 3)
        await backdate(tooOld, 31)
        // A checkout that never produced an order (a hold) is not a redemption.
        const held = await shop.createCart([["cap", 2]])
        await shop.applyCoupon(held.id, "NINE")
        await dbConnection.raw(
          `INSERT INTO coupon_redemption (id, status, code, cart_id, currency_code, discount_total, raw_discount_total, allocations, coupon_id)
           VALUES ('credm_test_held', 'held', 'NINE', ?, 'usd', 9, '{"value":"9","precision":20}', '[]', ?)`,
          [held.id, nine.id]
        )
        expect(today1).not.toBe(today2)

        const { status, data } = await api.get("/admin/coupons/stats", admin)
        expect(status).toBe(200)
        expect(data.stats).toEqual({
          since: expect.any(String),
          days: 30,
          redemptions: 3,
          discount_totals: [{ currency_code: "usd", amount: 24 }],
        })
        const since = Date.parse(data.stats.since)
        expect(utcDay(since)).toBe(utcDay(Date.now() - 29 * DAY))
        expect(since % DAY).toBe(0)

        const nineStats = (await api.get(`/admin/coupons/${nine.id}/stats`, admin)).data.stats
        expect(nineStats.currencies).toEqual(["usd"])
        expect(nineStats.days).toHaveLength(30)
        expect(nineStats.days[29]).toEqual({
          date: utcDay(Date.now()),
          redemptions: 1,
          discount_totals: [{ currency_code: "usd", amount: 9 }],
        })
        expect(nineStats.days[26]).toEqual({
          date: utcDay(Date.now() - 3 * DAY),
          redemptions: 1,
          discount_totals: [{ currency_code: "usd", amount: 9 }],
        })
        expect(nineStats.days.reduce((n: number, d: any) => n + d.redemptions, 0)).toBe(2)
        expect(nineStats.days[0]).toEqual({ date: utcDay(Date.now() - 29 * DAY), redemptions: 0, discount_totals: [] })

        const pctStats = (await api.get(`/admin/coupons/${pct.id}/stats`, admin)).data.stats
        expect(pctStats.days[29]).toEqual({
          date: utcDay(Date.now()),
          redemptions: 1,
          discount_totals: [{ currency_code: "usd", amount: 6 }],
        })

        // A deleted coupon's orders leave the cards.
        await api.delete(`/admin/coupons/${pct.id}`, admin)
        const after = (await api.get("/admin/coupons/stats", admin)).data.stats
        expect(after.redemptions).toBe(2)
        expect(after.discount_totals).toEqual([{ currency_code: "usd", amount: 18 }])
      })

      it("answer an empty window with zeros, 404 for an unknown coupon and 401 without a login", async () => {
        const coupon = await createCoupon({ code: "QUIET", title: "Quiet", type: "fixed", amount: 5 })
        expect((await api.get("/admin/coupons/stats", admin)).data.stats).toMatchObject({
          redemptions: 0,
          discount_totals: [],
        })
        const stats = (await api.get(`/admin/coupons/${coupon.id}/stats`, admin)).data.stats
        expect(stats.currencies).toEqual([])
        expect(stats.days.every((d: any) => d.redemptions === 0 && d.discount_totals.length === 0)).toBe(true)

        expect(await refusal(api.get("/admin/coupons/coup_missing/stats", admin))).toEqual({
          status: 404,
          message: "Coupon with id: coup_missing was not found",
        })
        expect((await refusal(api.get("/admin/coupons/stats"))).status).toBe(401)
        expect((await refusal(api.get(`/admin/coupons/${coupon.id}/stats`))).status).toBe(401)
      })
    })

    describe("GET /admin/customers/:id/coupons", () => {
      it("shows the customer's wallet with the counts the shopper sees", async () => {
        const customer = await createCustomer(getContainer())
        const other = await createCustomer(getContainer())
        const a = await createCoupon({ code: "WALLA", title: "Wallet A", type: "fixed", amount: 5, validity_days: 30 })
        const b = await createCoupon({ code: "WALLB", title: "Wallet B", type: "percentage", percentage: 15 })
        await api.post(`/admin/coupons/${a.id}/assign`, { customer_ids: [customer.id, other.id] }, admin)
        await api.post(`/admin/coupons/${b.id}/assign`, { customer_ids: [customer.id] }, admin)

        const { status, data } = await api.get(`/admin/customers/${customer.id}/coupons`, admin)
        expect(status).toBe(200)
        expect(data.counts).toEqual({ unused: 2, used: 0, expired: 0, expiring_soon: 0 })
        expect(data.count).toBe(2)
        expect(data.limit).toBe(20)
        expect(data.offset).toBe(0)
        expect(data.coupons.map((c: any) => [c.code, c.title, c.status, c.source])).toEqual([
          ["WALLB", "Wallet B", "unused", "admin"],
          ["WALLA", "Wallet A", "unused", "admin"],
        ])
        expect(data.coupons[1]).toMatchObject({ type: "fixed", amount: 5, currency_code: "usd" })
        expect(Date.parse(data.coupons[1].expires_at) - Date.parse(data.coupons[1].received_at)).toBe(30 * DAY)

        const page = (await api.get(`/admin/customers/${customer.id}/coupons?status=used&limit=1`, admin)).data
        expect(page).toMatchObject({ coupons: [], count: 0, limit: 1, offset: 0 })
      })

      it("answers 404 for an unknown customer, 400 for a bad status and 401 without a login", async () => {
        expect(await refusal(api.get("/admin/customers/cus_missing/coupons", admin))).toEqual({
          status: 404,
          message: "Customer with id cus_missing was not found.",
        })
        const customer = await createCustomer(getContainer())
        const bad = await refusal(api.get(`/admin/customers/${customer.id}/coupons?status=lost`, admin))
        expect(bad.status).toBe(400)
        expect(bad.message).toContain("status")
        expect((await refusal(api.get(`/admin/customers/${customer.id}/coupons`))).status).toBe(401)
      })
    })

    describe("GET /admin/products/:id/coupon-eligibility", () => {
      it("judges a product by the line rules checkout uses: kind, excluded kinds, gift cards, no shipping", async () => {
        const eligibility = async (key: keyof TestStore["products"]) =>
          (await api.get(`/admin/products/${store.products[key]}/coupon-eligibility`, admin)).data.eligibility
        expect(await eligibility("tee")).toEqual({
          product_id: store.products.tee,
          kind: null,
          kinds: [],
          requires_shipping: true,
          eligible: true,
          reason: null,
          message: "Coupons apply to this product (within each coupon's own products and categories).",
        })
        expect(await eligibility("poster")).toMatchObject({
          kind: "pod",
          eligible: false,
          reason: "excluded_kind:pod",
          message: "Products of kind “pod” are excluded in the coupon settings.",
        })
        // The settings decide: with "pod" no longer excluded, the poster is eligible.
        await api.post("/admin/coupon-settings", { excluded_product_kinds: ["supplier"] }, admin)
        expect(await eligibility("poster")).toMatchObject({ kind: "pod", eligible: true, reason: null })
        await api.post("/admin/coupon-settings", { enabled: false }, admin)
        expect(await eligibility("tee")).toMatchObject({ eligible: false, reason: "coupons_disabled" })

        const missing = await api.get("/admin/products/prod_missing/coupon-eligibility", admin).catch((e: any) => e.response)
        expect(missing.status).toBe(404)
        expect(missing.data).toMatchObject({ code: "not_found", message: "Product prod_missing was not found." })
      })
    })
  },
})
