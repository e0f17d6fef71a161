import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createCustomer } from "../helpers/customer"
import { lineOf, storefront, openTestShop, TestShop } from "../helpers/store"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let { admin, store, shop } = {} as TestShop

    beforeEach(async () => {
      ;({ admin, store, shop } = await openTestShop(api, getContainer()))
    })

    const createCoupon = async (body: Record<string, unknown>) =>
      (await api.post("/admin/coupons", { currency_code: "usd", ...body }, admin)).data.coupon

    const preview = async (cartId: string, body: Record<string, unknown>, headers = shop.headers) =>
      (await api.post(`/store/carts/${cartId}/coupon/preview`, body, { headers })).data.preview

    /** Everything applying, holding or counting would write. */
    const written = async () => {
      const { rows } = await dbConnection.raw(`SELECT
        (SELECT count(*) FROM coupon_cart)::int AS coupon_carts,
        (SELECT count(*) FROM coupon_redemption)::int AS redemptions,
        (SELECT count(*) FROM cart_line_item_adjustment)::int AS adjustments,
        (SELECT coalesce(sum(usage_count), 0) FROM coupon)::int AS uses`)
      return rows[0]
    }

    it("answers the discount and each line's share of an eligible code, and writes nothing", async () => {
      await createCoupon({ code: "TEN", title: "10% off", type: "percentage", percentage: 10 })
      const cart = await shop.createCart([
        ["tee", 2],
        ["hoodie", 1],
      ])
      const before = await written()

      // Lines created in the same millisecond have no fixed order: the shares are compared by line.
      const byLine = (allocations: { item_id: string; amount: number }[]) =>
        [...allocations].sort((a, b) => a.item_id.localeCompare(b.item_id))
      const answer = await preview(cart.id, { code: "ten" })
      expect({ ...answer, allocations: byLine(answer.allocations) }).toEqual({
        code: "TEN",
        eligible: true,
        discount_total: 8,
        allocations: byLine([
          // Split evenly over the lines (rules.md §3), not by price.
          { item_id: lineOf(cart, store, "tee").id, amount: 4 },
          { item_id: lineOf(cart, store, "hoodie").id, amount: 4 },
        ]),
      })
      expect(before).toEqual({ coupon_carts: 0, redemptions: 0, adjustments: 0, uses: 0 })
      expect(await written()).toEqual(before)
      const again = await shop.getCart(cart.id)
      expect(again.discount_total).toBe(0)
      expect(again.total).toBe(80)
    })

    it("answers a refusal with its code and the amount still missing", async () => {
      await createCoupon({ code: "BIG", title: "$10 over $100", type: "fixed", amount: 10, min_spend: 100 })
      const cart = await shop.createCart([["hoodie", 1]])
      expect(await preview(cart.id, { code: "BIG" })).toEqual({
        code: "BIG",
        eligible: false,
        discount_total: 0,
        allocations: [],
        refusal: {
          code: "min_spend_not_met",
          message: expect.any(String),
          details: { currency_code: "usd", missing_amount: 40, min_spend: 100, eligible_subtotal: 60 },
        },
      })
      expect(await written()).toEqual({ coupon_carts: 0, redemptions: 0, adjustments: 0, uses: 0 })
    })

    it("does not disturb a coupon already applied to the cart", async () => {
      await createCoupon({ code: "FIVE", title: "$5", type: "fixed", amount: 5 })
      await createCoupon({ code: "TWENTY", title: "20%", type: "percentage", percentage: 20 })
      const cart = await shop.createCart([["hoodie", 1]])
      await shop.applyCoupon(cart.id, "FIVE")
      const before = await written()
      expect((await preview(cart.id, { code: "TWENTY" })).discount_total).toBe(12)
      expect(await written()).toEqual(before)
      expect((await shop.getCoupon(cart.id)).coupon.code).toBe("FIVE")
      expect((await shop.getCart(cart.id)).discount_total).toBe(5)
    })

    it("counts unknown codes as guesses: after 10 the preview answers 429", async () => {
      await createCoupon({ code: "PAUSED", title: "t", type: "fixed", amount: 5, is_active: false })
      const cart = await shop.createCart([["tee", 1]])
      // A real code refused by a rule is not a guess.
      for (let i = 0; i < 3; i++) {
        expect((await preview(cart.id, { code: "PAUSED" })).refusal.code).toBe("coupon_inactive")
      }
      for (let i = 0; i < 10; i++) {
        const answer = await preview(cart.id, { code: `GUESS${i}` })
        expect(answer).toEqual({
          code: `GUESS${i}`,
          eligible: false,
          discount_total: 0,
          allocations: [],
          refusal: { code: "coupon_not_found", message: expect.any(String), details: {} },
        })
      }
      const error: any = await preview(cart.id, { code: "GUESS10" }).catch((e) => e)
      expect(error.response.status).toBe(429)
      expect(error.response.data.code).toBe("too_many_attempts")
    })

    it("previews the logged-in customer's best wallet coupon for {}", async () => {
      const customer = await createCustomer(getContainer())
      const five = await createCoupon({ code: "W5", title: "$5", type: "fixed", amount: 5 })
      const fifteen = await createCoupon({ code: "W15", title: "15%", type: "percentage", percentage: 15 })
      for (const coupon of [five, fifteen]) {
        await api.post(`/admin/coupons/${coupon.id}/assign`, { customer_ids: [customer.id] }, admin)
      }
      const mine = storefront(api, store, customer.token)
      const cart = await mine.createCart([["hoodie", 1]])
      expect(await preview(cart.id, {}, mine.headers)).toEqual({
        code: "W15",
        eligible: true,
        discount_total: 9,
        allocations: [{ item_id: lineOf(cart, store, "hoodie").id, amount: 9 }],
      })
      expect(await written()).toEqual({ coupon_carts: 0, redemptions: 0, adjustments: 0, uses: 0 })
    })

    it("refuses bad input and a guest's {} with a code", async () => {
      const cart = await shop.createCart([["tee", 1]])
      const bad: any = await preview(cart.id, { code: "X", extra: 1 }).catch((e) => e)
      expect([bad.response.status, bad.response.data.code]).toEqual([400, "invalid_data"])
      const guest: any = await preview(cart.id, {}).catch((e) => e)
      expect([guest.response.status, guest.response.data.code]).toEqual([400, "not_allowed"])
    })
  },
})
