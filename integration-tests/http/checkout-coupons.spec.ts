import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders, createFixedPromotion } from "../helpers/admin"
import { lineOf, openTestShop, TestShop } from "../helpers/store"
import { refusal } from "../helpers/http"

jest.setTimeout(180 * 1000)

const day = 24 * 3600 * 1000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let { admin, store, shop } = {} as TestShop

    beforeEach(async () => {
      ;({ admin, store, shop } = await openTestShop(api, getContainer()))
    })

    const createCoupon = async (body: Record<string, unknown>) =>
      (await api.post("/admin/coupons", { currency_code: "usd", ...body }, admin)).data.coupon

    const adjustmentsOf = (cart: any) =>
      Object.fromEntries(
        cart.items
          .filter((i: any) => i.adjustments?.length)
          .map((i: any) => [i.product_handle ?? i.variant_sku, i.adjustments.reduce((s: number, a: any) => s + a.amount, 0)])
      )

    const waitForRedemption = async (cartId: string) => {
      const couponService: any = getContainer().resolve("coupon")
      for (let i = 0; i < 50; i++) {
        const [r] = await couponService.listCouponRedemptions({ cart_id: cartId })
        if (r?.status === "redeemed") return r
        await new Promise((res) => setTimeout(res, 100))
      }
      throw new Error(`no redeemed coupon for cart ${cartId}`)
    }

    describe("a fixed coupon scoped to a category tree", () => {
      it("splits evenly over eligible lines, and the order and payment carry exactly that", async () => {
        await createCoupon({
          code: "APPAREL25",
          title: "$25 off apparel",
          type: "fixed",
          amount: 25,
          min_spend: 50,
          exclude_sale_items: true,
          category_ids: [store.categories.apparel],
        })
        // tee $10 ×2 and hoodie $60 sit in sub-categories of Apparel, the cap
        // ($5) in Apparel itself; the jacket is on sale; mug and poster are
        // outside the tree (the poster is print-on-demand as well).
        const cart = await shop.createCart([
          ["tee", 2],
          ["hoodie", 1],
          ["cap", 1],
          ["mug", 1],
          ["poster", 1],
          ["jacket", 1],
        ])
        const { cart: applied, coupon } = await shop.applyCoupon(cart.id, "apparel25")

        // $25 over $20 / $60 / $5: the cap cannot take its $8.33 share, so it
        // is discounted in full and the rest is shared by the two others.
        expect(coupon).toEqual({
          code: "APPAREL25",
          title: "$25 off apparel",
          description: null,
          discount_total: 25,
          allocations: expect.arrayContaining([
            { item_id: lineOf(applied, store, "tee").id, amount: 10 },
            { item_id: lineOf(applied, store, "hoodie").id, amount: 10 },
            { item_id: lineOf(applied, store, "cap").id, amount: 5 },
          ]),
        })
        expect(coupon.allocations).toHaveLength(3)
        expect(adjustmentsOf(applied)).toEqual({ tee: 10, hoodie: 10, cap: 5 })
        expect(lineOf(applied, store, "jacket").compare_at_unit_price).toBe(100)
        expect(applied.item_subtotal).toBe(210)
        expect(applied.discount_total).toBe(25)
        expect(applied.total).toBe(185)

        const completed = await shop.complete(cart.id)
        expect(completed.type).toBe("order")
        const { data } = await api.get(
          `/admin/orders/${completed.order.id}?fields=*items,*items.adjustments,total,discount_total,item_subtotal,shipping_total,*payment_collections`,
          admin
        )
        const order = data.order
        expect(order.item_subtotal).toBe(210)
        expect(order.discount_total).toBe(25)
        expect(order.shipping_total).toBe(10)
        expect(order.total).toBe(195)
        expect(order.payment_collections[0].amount).toBe(195)
        const orderShares = Object.fromEntries(
          order.items
            .filter((i: any) => i.adjustments.length)
            .map((i: any) => [i.product_handle, i.adjustments.map((a: any) => [a.amount, a.description, a.provider_id])])
        )
        expect(orderShares).toEqual({
          tee: [[10, "Coupon APPAREL25", "coupon"]],
          hoodie: [[10, "Coupon APPAREL25", "coupon"]],
          cap: [[5, "Coupon APPAREL25", "coupon"]],
        })

        const redemption = await waitForRedemption(cart.id)
        expect(redemption).toEqual(
          expect.objectContaining({
            order_id: completed.order.id,
            code: "APPAREL25",
            discount_total: 25,
            currency_code: "usd",
          })
        )
        expect(redemption.allocations).toHaveLength(3)
        const { data: list } = await api.get("/admin/coupons?q=APPAREL25", admin)
        expect(list.coupons[0].usage_count).toBe(1)
      })
    })

    describe("a percentage coupon with a cap", () => {
      it("caps the discount and gives the leftover cent to the largest line", async () => {
        await createCoupon({ code: "TWENTY", title: "20% off, max $10", type: "percentage", percentage: 20, max_discount: 10 })
        // Eligible: tee $10, hoodie $60, jacket $80 (sale items allowed here) = $150;
        // the e-book (virtual) and the supplier crate are excluded kinds.
        const cart = await shop.createCart([
          ["tee", 1],
          ["hoodie", 1],
          ["ebook", 1],
          ["crate", 1],
          ["jacket", 1],
        ])
        const { cart: applied, coupon } = await shop.applyCoupon(cart.id, "TWENTY")
        expect(coupon.discount_total).toBe(10)
        expect(adjustmentsOf(applied)).toEqual({ jacket: 3.34, hoodie: 3.33, tee: 3.33 })
        expect(applied.item_subtotal).toBe(202)
        expect(applied.total).toBe(192)

        const completed = await shop.complete(cart.id)
        const { data } = await api.get(`/admin/orders/${completed.order.id}?fields=total,discount_total,*payment_collections`, admin)
        expect(data.order.discount_total).toBe(10)
        expect(data.order.total).toBe(202)
        expect(data.order.payment_collections[0].amount).toBe(202)
      })
    })

    describe("rules of §2, each with its own message", () => {
      it("answers 404 for a code that does not exist", async () => {
        const cart = await shop.createCart([["tee", 1]])
        expect(await refusal(shop.applyCoupon(cart.id, "NOPE"))).toEqual({
          status: 404,
          message: "Coupon code NOPE does not exist.",
        })
      })

      it("refuses when coupons are disabled", async () => {
        await createCoupon({ code: "OFF5", title: "t", type: "fixed", amount: 5 })
        await api.post("/admin/coupon-settings", { enabled: false }, admin)
        const cart = await shop.createCart([["tee", 1]])
        expect(await refusal(shop.applyCoupon(cart.id, "OFF5"))).toEqual({
          status: 400,
          message: "Coupons are disabled in this store.",
        })
      })

      it.each([
        ["paused", { is_active: false }, "Coupon WINDOW is not active."],
        ["not started", { starts_at: "2099-01-01T00:00:00Z" }, "Coupon WINDOW is not valid yet: it starts on 2099-01-01."],
        ["expired", { starts_at: "2020-01-01T00:00:00Z", ends_at: "2020-02-01T00:00:00Z" }, "Coupon WINDOW has expired (it ended on 2020-02-01)."],
      ])("refuses a %s coupon", async (_name, fields, message) => {
        await createCoupon({ code: "WINDOW", title: "t", type: "fixed", amount: 5, ...fields })
        const cart = await shop.createCart([["tee", 1]])
        expect(await refusal(shop.applyCoupon(cart.id, "WINDOW"))).toEqual({ status: 400, message })
      })

      it("refuses a blocked customer", async () => {
        await createCoupon({ code: "OFF5", title: "t", type: "fixed", amount: 5 })
        const customer = await getContainer().resolve(Modules.CUSTOMER).createCustomers({ email: "blocked@example.com" })
        await api.post("/admin/coupon-blocklist", { customer_id: customer.id, reason: "abuse" }, admin)
        const cart = await shop.createCart([["tee", 1]])
        await getContainer().resolve(Modules.CART).updateCarts(cart.id, { customer_id: customer.id })
        expect(await refusal(shop.applyCoupon(cart.id, "OFF5"))).toEqual({
          status: 400,
          message: "This customer is blocked from using coupons.",
        })
      })

      it("refuses order types outside the allowed list and renewals unless allowed", async () => {
        await createCoupon({ code: "OFF5", title: "t", type: "fixed", amount: 5 })
        await createCoupon({ code: "RENEW5", title: "t", type: "fixed", amount: 5, renewal_applicable: true })
        const wholesale = await shop.createCart([["tee", 1]], { metadata: { order_type: "wholesale" } })
        expect(await refusal(shop.applyCoupon(wholesale.id, "OFF5"))).toEqual({
          status: 400,
          message: "Coupons cannot be used on 'wholesale' orders; allowed order types: ordinary, dropshipping.",
        })
        const dropship = await shop.createCart([["tee", 1]], { metadata: { order_type: "dropshipping" } })
        expect((await shop.applyCoupon(dropship.id, "OFF5")).coupon.discount_total).toBe(5)

        const renewal = await shop.createCart([["tee", 1]], { metadata: { is_renewal: true } })
        expect(await refusal(shop.applyCoupon(renewal.id, "OFF5"))).toEqual({
          status: 400,
          message: "Coupon OFF5 cannot be used on renewal orders.",
        })
        expect((await shop.applyCoupon(renewal.id, "RENEW5")).coupon.discount_total).toBe(5)
      })

      it("counts usage: first order only, per customer (by e-mail for guests) and in total", async () => {
        await createCoupon({ code: "FIRST", title: "t", type: "fixed", amount: 1, first_order_only: true })
        await createCoupon({ code: "ONCE", title: "t", type: "fixed", amount: 1, usage_limit_per_customer: 1 })
        await createCoupon({ code: "SOLO", title: "t", type: "fixed", amount: 1, usage_limit: 1 })

        const email = "returning@example.com"
        const first = await shop.createCart([["tee", 1]], { email })
        await shop.applyCoupon(first.id, "ONCE")
        expect((await shop.complete(first.id)).type).toBe("order")

        const second = await shop.createCart([["tee", 1]], { email })
        expect(await refusal(shop.applyCoupon(second.id, "FIRST"))).toEqual({
          status: 400,
          message: "Coupon FIRST is only for a customer's first order.",
        })
        expect(await refusal(shop.applyCoupon(second.id, "ONCE"))).toEqual({
          status: 400,
          message: "Coupon ONCE has already been used by this customer (limit 1 per customer).",
        })
        const newcomer = await shop.createCart([["tee", 1]])
        expect((await shop.applyCoupon(newcomer.id, "FIRST")).coupon.discount_total).toBe(1)

        const a = await shop.createCart([["tee", 1]])
        await shop.applyCoupon(a.id, "SOLO")
        expect((await shop.complete(a.id)).type).toBe("order")
        const b = await shop.createCart([["tee", 1]])
        expect(await refusal(shop.applyCoupon(b.id, "SOLO"))).toEqual({
          status: 400,
          message: "Coupon SOLO has reached its usage limit.",
        })
      })

      it("refuses a cart with no eligible line, naming the excluded kinds", async () => {
        await createCoupon({ code: "OFF5", title: "t", type: "fixed", amount: 5 })
        const cart = await shop.createCart([["poster", 1], ["ebook", 1]])
        expect(await refusal(shop.applyCoupon(cart.id, "OFF5"))).toEqual({
          status: 400,
          message: "Coupon OFF5 does not apply to any item in this cart (no eligible items: product kind excluded from coupons (pod, virtual)).",
        })
      })

      it("refuses below the minimum spend with the amount missing, and allows it exactly met", async () => {
        await createCoupon({ code: "MIN70", title: "t", type: "fixed", amount: 7, min_spend: 70 })
        // Eligible: hoodie $60 (the poster does not count towards the minimum).
        const cart = await shop.createCart([["hoodie", 1], ["poster", 1]])
        expect(await refusal(shop.applyCoupon(cart.id, "MIN70"))).toEqual({
          status: 400,
          message:
            "Minimum spend not met for coupon MIN70: add 10.00 USD more of eligible items (minimum 70.00 USD, eligible now 60.00 USD).",
        })
        await shop.addItem(cart.id, "tee", 1)
        const { cart: applied } = await shop.applyCoupon(cart.id, "MIN70")
        expect(adjustmentsOf(applied)).toEqual({ hoodie: 3.5, tee: 3.5 })
      })

      it("refuses another customer's wallet serial", async () => {
        const coupon = await createCoupon({ title: "wallet", type: "fixed", amount: 5 })
        await getContainer()
          .resolve<any>("coupon")
          .createCouponCodes({ code: "SERIAL1", coupon_id: coupon.id, customer_id: "cus_someone_else" })
        const cart = await shop.createCart([["tee", 1]])
        expect(await refusal(shop.applyCoupon(cart.id, "serial1"))).toEqual({
          status: 400,
          message: "Coupon code SERIAL1 belongs to another customer's wallet; coupons cannot be transferred.",
        })
      })
    })

    describe("cart changes after applying", () => {
      it("recomputes the shares, and drops the coupon (saying why) when min spend is no longer met", async () => {
        await createCoupon({ code: "TEN", title: "t", type: "fixed", amount: 10, min_spend: 20 })
        const cart = await shop.createCart([["tee", 1], ["hoodie", 1]])
        await shop.applyCoupon(cart.id, "TEN")

        const { cart: added } = await shop.addItem(cart.id, "mug", 1)
        // $10 over $10 / $60 / $15 → 3.34 to the largest line, 3.33 to the others.
        expect(adjustmentsOf(added)).toEqual({ hoodie: 3.34, tee: 3.33, mug: 3.33 })
        expect(added.total).toBe(75)

        const { cart: fewer } = await shop.removeItem(cart.id, lineOf(added, store, "hoodie").id).then(async () => ({
          cart: await shop.getCart(cart.id),
        }))
        expect(adjustmentsOf(fewer)).toEqual({ tee: 5, mug: 5 })

        await shop.removeItem(cart.id, lineOf(fewer, store, "mug").id)
        const after = await shop.getCart(cart.id)
        expect(adjustmentsOf(after)).toEqual({})
        expect(after.total).toBe(10)
        expect(await shop.getCoupon(cart.id)).toEqual({
          coupon: null,
          notice:
            "Coupon TEN was removed: Minimum spend not met for coupon TEN: add 10.00 USD more of eligible items (minimum 20.00 USD, eligible now 10.00 USD).",
        })
        // Medusa's own cart route shows it too, through the cart ↔ coupon_cart link.
        const { data } = await api.get(`/store/carts/${cart.id}?fields=+coupon_cart.*`, { headers: shop.headers })
        expect(data.cart.coupon_cart).toMatchObject({
          code: "TEN",
          status: "removed",
          removed_reason:
            "Coupon TEN was removed: Minimum spend not met for coupon TEN: add 10.00 USD more of eligible items (minimum 20.00 USD, eligible now 10.00 USD).",
        })
      })

      it("drops a coupon paused since it was applied at the next cart change, even one that leaves the lines as they were", async () => {
        const coupon = await createCoupon({ code: "PAUSE5", title: "t", type: "fixed", amount: 5 })
        const cart = await shop.createCart([["hoodie", 1]])
        await shop.applyCoupon(cart.id, "PAUSE5")
        await api.post(`/admin/coupons/${coupon.id}`, { is_active: false }, admin)

        // Choosing shipping re-runs Medusa's promotion refresh; the lines are unchanged.
        const { cart: shipped } = await api.post(
          `/store/carts/${cart.id}/shipping-methods`,
          { option_id: store.shippingOptionId },
          { headers: shop.headers }
        ).then((r) => r.data)
        expect(adjustmentsOf(shipped)).toEqual({})
        expect(await shop.getCoupon(cart.id)).toEqual({
          coupon: null,
          notice: "Coupon PAUSE5 was removed: Coupon PAUSE5 is not active.",
        })
      })

      it("takes a coupon edited since it was applied at its new amount from the next cart change, and the order carries it", async () => {
        const coupon = await createCoupon({ code: "EDITED", title: "t", type: "fixed", amount: 5 })
        const cart = await shop.createCart([["hoodie", 1]])
        expect(adjustmentsOf((await shop.applyCoupon(cart.id, "EDITED")).cart)).toEqual({ hoodie: 5 })
        await api.post(`/admin/coupons/${coupon.id}`, { amount: 7 }, admin)

        // complete() first chooses shipping: Medusa's promotion refresh, lines unchanged.
        const completed = await shop.complete(cart.id)
        expect(completed.type).toBe("order")
        expect(completed.order.discount_total).toBe(7)
        expect(completed.order.item_total).toBe(53)
      })

      it("judges again at completion what changed outside the cart since the apply: a blocked customer, a product made an excluded kind", async () => {
        await createCoupon({ code: "OUTSIDE5", title: "t", type: "fixed", amount: 5 })
        const customer = await getContainer().resolve(Modules.CUSTOMER).createCustomers({ email: "later-blocked@example.com" })
        const blockedCart = await shop.createCart([["tee", 1]])
        await getContainer().resolve(Modules.CART).updateCarts(blockedCart.id, { customer_id: customer.id })
        await shop.applyCoupon(blockedCart.id, "OUTSIDE5")
        await api.post("/admin/coupon-blocklist", { customer_id: customer.id, reason: "abuse" }, admin)
        expect(await refusal(shop.complete(blockedCart.id))).toEqual({
          status: 400,
          message: "This customer is blocked from using coupons.",
        })

        const kindCart = await shop.createCart([["hoodie", 1]])
        expect(adjustmentsOf((await shop.applyCoupon(kindCart.id, "OUTSIDE5")).cart)).toEqual({ hoodie: 5 })
        await getContainer()
          .resolve(Modules.PRODUCT)
          .updateProducts(store.products.hoodie, { metadata: { product_kind: "pod" } })
        expect(await refusal(shop.complete(kindCart.id))).toEqual({
          status: 400,
          message: "Coupon OUTSIDE5 does not apply to any item in this cart (no eligible items: product kind excluded from coupons (pod)).",
        })
      })

      it("keeps one coupon per order: a second replaces the first, and DELETE removes it", async () => {
        await createCoupon({ code: "FIVE", title: "t", type: "fixed", amount: 5 })
        await createCoupon({ code: "HALF", title: "t", type: "percentage", percentage: 50 })
        const cart = await shop.createCart([["hoodie", 1]])
        await shop.applyCoupon(cart.id, "FIVE")
        const { cart: replaced, coupon } = await shop.applyCoupon(cart.id, "HALF")
        expect(coupon.code).toBe("HALF")
        expect(adjustmentsOf(replaced)).toEqual({ hoodie: 30 })
        expect((await shop.getCoupon(cart.id)).coupon.code).toBe("HALF")

        const { cart: removed } = await shop.removeCoupon(cart.id)
        expect(adjustmentsOf(removed)).toEqual({})
        expect(removed.total).toBe(60)
        expect(await shop.getCoupon(cart.id)).toEqual({ coupon: null })
      })
    })

    describe("Medusa promotions", () => {
      const createPromotion = (code: string, is_automatic: boolean) => createFixedPromotion(api, admin, code, { is_automatic })

      it("stand aside while a coupon is on the cart and come back when it is removed", async () => {
        await createPromotion("AUTO4", true)
        await createPromotion("CODE4", false)
        await createCoupon({ code: "FIVE", title: "t", type: "fixed", amount: 5 })
        const cart = await shop.createCart([["hoodie", 1]])
        expect((await shop.getCart(cart.id)).discount_total).toBe(4)
        await api.post(`/store/carts/${cart.id}/promotions`, { promo_codes: ["CODE4"] }, { headers: shop.headers })
        expect((await shop.getCart(cart.id)).discount_total).toBe(8)

        const { cart: withCoupon } = await shop.applyCoupon(cart.id, "FIVE")
        expect(withCoupon.discount_total).toBe(5)
        expect(withCoupon.items[0].adjustments.map((a: any) => a.amount)).toEqual([5])

        expect(
          await refusal(api.post(`/store/carts/${cart.id}/promotions`, { promo_codes: ["CODE4"] }, { headers: shop.headers }))
        ).toEqual({
          status: 400,
          message: "This cart carries coupon FIVE; coupons and promotions cannot be combined. Remove the coupon to use promotion codes.",
        })

        const { cart: restored } = await shop.removeCoupon(cart.id)
        expect(restored.discount_total).toBe(8)
        expect(restored.promotions.map((p: any) => p.code).sort()).toEqual(["AUTO4", "CODE4"])
      })
    })

    describe("attempt limiting", () => {
      it("answers 429 with Retry-After after 10 unknown codes; refused real codes do not count", async () => {
        await createCoupon({ code: "PAUSED", title: "t", type: "fixed", amount: 5, is_active: false })
        const cart = await shop.createCart([["tee", 1]])
        for (let i = 0; i < 5; i++) {
          expect((await refusal(shop.applyCoupon(cart.id, "PAUSED"))).status).toBe(400)
        }
        for (let i = 0; i < 10; i++) {
          expect((await refusal(shop.applyCoupon(cart.id, `GUESS${i}`))).status).toBe(404)
        }
        const error: any = await shop.applyCoupon(cart.id, "GUESS10").catch((e) => e)
        expect(error.response.status).toBe(429)
        expect(Number(error.response.headers["retry-after"])).toBeGreaterThan(0)
        expect(error.response.data.message).toMatch(/^Too many attempts with unknown coupon codes\. Try again in \d+ seconds\.$/)
      })
    })

    describe("completion under concurrency", () => {
      const completeAll = async (carts: any[]) =>
        Promise.all(
          carts.map((c) =>
            shop.complete(c.id).then(
              (r) => ({ ok: r.type === "order", r }),
              (e) => ({ ok: false, status: e.response?.status, message: e.response?.data?.message })
            )
          )
        )

      it("never exceeds usage_limit: 40 carts at once, limit 10 → exactly 10 orders", async () => {
        await createCoupon({ code: "TENONLY", title: "t", type: "fixed", amount: 2, usage_limit: 10 })
        const carts: any[] = []
        for (let i = 0; i < 40; i++) {
          const cart = await shop.createCart([["tee", 1]])
          await shop.applyCoupon(cart.id, "TENONLY")
          carts.push(cart)
        }
        const results = await completeAll(carts)
        const orders = results.filter((r) => r.ok)
        const refused = results.filter((r: any) => !r.ok)
        expect(orders).toHaveLength(10)
        expect(refused).toHaveLength(30)
        for (const r of refused as any[]) {
          expect(r.status).toBe(400)
          // Uses still in flight may count as held at the moment of refusal.
          expect(r.message).toMatch(/^Coupon TENONLY has reached its usage limit(\.|; some uses are held by checkouts that have not completed, and if they fail it frees up at .*Z\.)$/)
        }
        const couponService: any = getContainer().resolve("coupon")
        const [coupon] = await couponService.listCoupons({ code: "TENONLY" })
        expect(coupon.usage_count).toBe(10)
        const live = await couponService.listCouponRedemptions({ coupon_id: coupon.id, status: ["held", "redeemed"] })
        expect(live).toHaveLength(10)
        for (const r of orders as any[]) {
          expect(r.r.order.discount_total).toBe(2)
        }
      })

      it("never exceeds usage_limit_per_customer across one customer's parallel carts", async () => {
        await createCoupon({ code: "ONEEACH", title: "t", type: "fixed", amount: 2, usage_limit_per_customer: 1 })
        const email = "parallel@example.com"
        const carts: any[] = []
        for (let i = 0; i < 8; i++) {
          const cart = await shop.createCart([["tee", 1]], { email })
          await shop.applyCoupon(cart.id, "ONEEACH")
          carts.push(cart)
        }
        const results = await completeAll(carts)
        expect(results.filter((r) => r.ok)).toHaveLength(1)
        for (const r of results.filter((r) => !r.ok) as any[]) {
          expect(r.status).toBe(400)
          expect(r.message).toBe("Coupon ONEEACH has already been used by this customer (limit 1 per customer).")
        }
      })

      it("claims raced on one coupon: exactly the limit is counted, and a run-out hold goes to exactly one later claim", async () => {
        const coupon = await createCoupon({ code: "QUEUED", title: "t", type: "fixed", amount: 2, usage_limit: 3 })
        const couponService: any = getContainer().resolve("coupon")
        const claim = (cart_id: string) =>
          couponService
            .claimRedemption({
              coupon_id: coupon.id,
              coupon_code_id: null,
              code: "QUEUED",
              cart_id,
              customer_id: null,
              email: `${cart_id}@example.com`,
              currency_code: "usd",
              discount_total: 2,
              allocations: [],
              hold_minutes: 30,
            })
            .then(
              () => "claimed",
              (e: any) => e.code
            )
        // 12 claims at once in this process: 3 are counted in one statement each, the rest refused under the lock.
        const first = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(`cart_queued_${i}`)))
        expect(first.filter((r) => r === "claimed")).toHaveLength(3)
        expect(first.filter((r) => r !== "claimed").every((r) => r === "coupon_held")).toBe(true)
        // One hold runs out: of 8 more claims at once, exactly one takes it (the locked claim releases it first).
        await dbConnection.raw(
          `UPDATE coupon_redemption SET hold_expires_at = now() - interval '1 second' WHERE cart_id = 'cart_queued_0'`
        )
        const second = await Promise.all(Array.from({ length: 8 }, (_, i) => claim(`cart_late_${i}`)))
        expect(second.filter((r) => r === "claimed")).toHaveLength(1)
        const counted = await dbConnection.raw(
          `SELECT usage_count, (SELECT count(*)::int FROM coupon_redemption r WHERE r.coupon_id = c.id AND r.status = 'held') AS held
             FROM coupon c WHERE c.id = ?`,
          [coupon.id]
        )
        expect(counted.rows[0]).toEqual({ usage_count: 3, held: 3 })
      })

      it("never counts a cart twice", async () => {
        await createCoupon({ code: "TWICE", title: "t", type: "fixed", amount: 2, usage_limit: 5 })
        const cart = await shop.createCart([["tee", 1]])
        await shop.applyCoupon(cart.id, "TWICE")
        const first = await shop.complete(cart.id)
        expect(first.type).toBe("order")
        const again = await api.post(`/store/carts/${cart.id}/complete`, {}, { headers: shop.headers })
        expect(again.data.order.id).toBe(first.order.id)
        const [coupon] = await getContainer().resolve<any>("coupon").listCoupons({ code: "TWICE" })
        expect(coupon.usage_count).toBe(1)
      })
    })
  },
})
