import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createRegionsWorkflow, createSalesChannelsWorkflow, updateStoresWorkflow } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { createCustomer } from "../helpers/customer"
import { lineOf, storefront, openTestShop, TestShop } from "../helpers/store"

jest.setTimeout(180 * 1000)

/*
 * docs/rules.md §7.2: customer groups, minimum quantity, sales channels,
 * regions and several currencies, over HTTP with exact money.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let { admin, store, shop } = {} as TestShop

    beforeEach(async () => {
      ;({ admin, store, shop } = await openTestShop(api, getContainer()))
    })

    const createCoupon = async (body: Record<string, unknown>) =>
      (await api.post("/admin/coupons", body, admin)).data.coupon

    /** The refusal of a request that must fail: status, code, message, details. */
    const refused = async (promise: Promise<unknown>) => {
      const error: any = await promise.then(
        () => {
          throw new Error("expected the request to be refused")
        },
        (e) => e
      )
      const { code, message, details } = error.response?.data ?? {}
      return { status: error.response?.status, code, message, details }
    }

    const sharesOf = (cart: any) =>
      Object.fromEntries(
        cart.items
          .filter((i: any) => i.adjustments?.length)
          .map((i: any) => [i.product_handle, i.adjustments.reduce((s: number, a: any) => s + a.amount, 0)])
      )

    /** An EUR region for Germany (no tax), and GBP for the UK, beside the store's USD region. */
    const addEuropeanRegions = async () => {
      const container = getContainer()
      const [medusaStore] = await container.resolve(Modules.STORE).listStores()
      await updateStoresWorkflow(container).run({
        input: {
          selector: { id: medusaStore.id },
          update: {
            supported_currencies: [{ currency_code: "usd", is_default: true }, { currency_code: "eur" }, { currency_code: "gbp" }],
          },
        },
      })
      const { result } = await createRegionsWorkflow(container).run({
        input: {
          regions: [
            { name: "EU", currency_code: "eur", countries: ["de"], payment_providers: ["pp_system_default"] },
            { name: "UK", currency_code: "gbp", countries: ["gb"], payment_providers: ["pp_system_default"] },
          ],
        },
      })
      return { eu: result.find((r) => r.name === "EU")!, uk: result.find((r) => r.name === "UK")! }
    }
    const germany = { first_name: "A", last_name: "B", address_1: "1 Str", city: "Berlin", country_code: "de", postal_code: "10115" }

    describe("customer groups", () => {
      it("a member gets the discount; a non-member and a guest are refused with customer_group_required", async () => {
        const { data } = await api.post("/admin/customer-groups", { name: "VIP" }, admin)
        const vip = data.customer_group
        const member = await createCustomer(getContainer())
        const other = await createCustomer(getContainer())
        await api.post(`/admin/customer-groups/${vip.id}/customers`, { add: [member.id] }, admin)
        await createCoupon({ code: "VIP10", title: "VIP", type: "fixed", amount: 10, currency_code: "usd", customer_group_ids: [vip.id] })

        const memberCart = await storefront(api, store, member.token).createCart([["tee", 2], ["hoodie", 1]])
        const { cart } = await storefront(api, store, member.token).applyCoupon(memberCart.id, "VIP10")
        // $10 evenly over tee $20 and hoodie $60.
        expect(sharesOf(cart)).toEqual({ tee: 5, hoodie: 5 })
        expect(cart.discount_total).toBe(10)
        expect(cart.total).toBe(70)

        const otherCart = await storefront(api, store, other.token).createCart([["tee", 2]])
        expect(await refused(storefront(api, store, other.token).applyCoupon(otherCart.id, "VIP10"))).toEqual({
          status: 400,
          code: "customer_group_required",
          message: "Coupon VIP10 is not available to this customer's group.",
          details: { signed_in: true },
        })
        const guestCart = await shop.createCart([["tee", 2]])
        expect(await refused(shop.applyCoupon(guestCart.id, "VIP10"))).toEqual({
          status: 400,
          code: "customer_group_required",
          message: "Coupon VIP10 is for members of certain customer groups: sign in to use it.",
          details: { signed_in: false },
        })
        expect((await shop.getCart(guestCart.id)).discount_total).toBe(0)
      })
    })

    describe("minimum quantity of eligible units", () => {
      it("applies when exactly met, refuses one short with how many more, and leaves a cart that drops below it", async () => {
        await createCoupon({ code: "QTY3", title: "Three", type: "fixed", amount: 6, currency_code: "usd", min_quantity: 3 })
        // The print-on-demand poster is not eligible: its units do not count.
        const cart = await shop.createCart([["tee", 2], ["cap", 1], ["poster", 2]])
        const { cart: applied } = await shop.applyCoupon(cart.id, "QTY3")
        expect(sharesOf(applied)).toEqual({ tee: 3, cap: 3 })
        expect(applied.discount_total).toBe(6)

        await shop.removeItem(cart.id, lineOf(applied, store, "cap").id)
        const after = await shop.getCoupon(cart.id)
        expect(after.coupon).toBeNull()
        expect(after.notice).toBe(
          "Coupon QTY3 was removed: Coupon QTY3 needs at least 3 eligible items in the cart: add 1 more (eligible now 2)."
        )
        expect((await shop.getCart(cart.id)).discount_total).toBe(0)

        expect(await refused(shop.applyCoupon(cart.id, "QTY3"))).toEqual({
          status: 400,
          code: "min_quantity_not_met",
          message: "Coupon QTY3 needs at least 3 eligible items in the cart: add 1 more (eligible now 2).",
          details: { min_quantity: 3, eligible_quantity: 2, missing_quantity: 1 },
        })
      })
    })

    describe("sales channels and regions", () => {
      it("a coupon for another sales channel is refused; one for the cart's channel applies", async () => {
        const {
          result: [app],
        } = await createSalesChannelsWorkflow(getContainer()).run({ input: { salesChannelsData: [{ name: "App" }] } })
        await createCoupon({ code: "APPONLY", title: "App", type: "percentage", percentage: 10, sales_channel_ids: [app.id] })
        await createCoupon({ code: "WEBONLY", title: "Web", type: "percentage", percentage: 10, sales_channel_ids: [store.salesChannelId, app.id] })
        const cart = await shop.createCart([["hoodie", 1]])
        expect(await refused(shop.applyCoupon(cart.id, "APPONLY"))).toEqual({
          status: 400,
          code: "channel_not_allowed",
          message: "Coupon APPONLY cannot be used in this sales channel.",
          details: undefined,
        })
        const { cart: applied } = await shop.applyCoupon(cart.id, "WEBONLY")
        expect(applied.discount_total).toBe(6)
      })

      it("a coupon for another region is refused; in its region it applies", async () => {
        const { eu } = await addEuropeanRegions()
        await createCoupon({ code: "EUONLY", title: "EU", type: "percentage", percentage: 10, region_ids: [eu.id] })
        const usCart = await shop.createCart([["tee", 2]])
        expect(await refused(shop.applyCoupon(usCart.id, "EUONLY"))).toMatchObject({
          status: 400,
          code: "region_not_allowed",
          message: "Coupon EUONLY cannot be used in this cart's region.",
        })
        const euCart = await shop.createCart([["tee", 2]], { region_id: eu.id, shipping_address: germany })
        const { cart } = await shop.applyCoupon(euCart.id, "EUONLY")
        expect(cart.currency_code).toBe("eur")
        expect(cart.discount_total).toBe(2)
      })
    })

    describe("several currencies", () => {
      it("USD and EUR carts get their own amount and cap, to the cent; a GBP cart is refused naming USD and EUR", async () => {
        const { eu, uk } = await addEuropeanRegions()
        await createCoupon({
          code: "QUARTER",
          title: "25% off",
          type: "percentage",
          percentage: 25,
          amounts: [
            { currency_code: "USD", max_discount: 20, min_spend: 30 },
            { currency_code: "eur", max_discount: 12.34 },
          ],
        })
        // USD: 25% of $120 = $30, capped at $20.
        const usCart = await shop.createCart([["hoodie", 2]])
        const { cart: us } = await shop.applyCoupon(usCart.id, "QUARTER")
        expect(us.discount_total).toBe(20)
        expect(us.total).toBe(100)
        // EUR: 25% of €70 = €17.50, capped at €12.34, split evenly 6.17 / 6.17.
        const euCart = await shop.createCart([["hoodie", 1], ["tee", 1]], { region_id: eu.id, shipping_address: germany })
        const { cart: euro } = await shop.applyCoupon(euCart.id, "QUARTER")
        expect(sharesOf(euro)).toEqual({ hoodie: 6.17, tee: 6.17 })
        expect(euro.discount_total).toBe(12.34)

        const completed = await shop.complete(euCart.id)
        expect(completed.type).toBe("order")
        const { data } = await api.get(`/admin/orders/${completed.order.id}?fields=currency_code,total,discount_total,shipping_total`, admin)
        expect(data.order).toMatchObject({ currency_code: "eur", discount_total: 12.34, shipping_total: 10, total: 67.66 })

        // The minimum spend is per currency too: $30 in USD, none in EUR.
        const smallUs = await shop.createCart([["tee", 2]])
        expect(await refused(shop.applyCoupon(smallUs.id, "QUARTER"))).toMatchObject({
          code: "min_spend_not_met",
          details: { currency_code: "usd", missing_amount: 10, min_spend: 30, eligible_subtotal: 20 },
        })

        const gbCart = await shop.createCart([], {
          region_id: uk.id,
          shipping_address: { ...germany, country_code: "gb", city: "London", postal_code: "N1" },
        })
        expect(await refused(shop.applyCoupon(gbCart.id, "QUARTER"))).toEqual({
          status: 400,
          code: "currency_not_covered",
          message: "Coupon QUARTER is for USD, EUR orders; this cart is in GBP.",
          details: { currencies: ["usd", "eur"] },
        })
      })

      it("a fixed coupon has its amount per currency; currency_code + amount stays a one-currency coupon", async () => {
        const { eu } = await addEuropeanRegions()
        const fifteen = await createCoupon({
          code: "FIFTEEN",
          title: "15 off",
          type: "fixed",
          amounts: [
            { currency_code: "usd", amount: 15 },
            { currency_code: "eur", amount: 12.5 },
          ],
        })
        await createCoupon({ code: "DOLLARS", title: "$5", type: "fixed", amount: 5, currency_code: "usd" })
        const usCart = await shop.createCart([["hoodie", 1]])
        expect((await shop.applyCoupon(usCart.id, "FIFTEEN")).cart.discount_total).toBe(15)
        const euCart = await shop.createCart([["hoodie", 1]], { region_id: eu.id, shipping_address: germany })
        const { cart: euApplied } = await shop.applyCoupon(euCart.id, "FIFTEEN")
        expect(euApplied.discount_total).toBe(12.5)
        // Storefronts list it with the amount of the cart's currency.
        expect(euApplied.promotions.map((p: any) => [p.code, p.application_method])).toEqual([
          ["FIFTEEN", { type: "fixed", value: 12.5, currency_code: "eur", target_type: "items", allocation: "across" }],
        ])
        expect(await refused(shop.applyCoupon(euCart.id, "DOLLARS"))).toMatchObject({
          code: "currency_not_covered",
          details: { currencies: ["usd"] },
        })

        // A shopper's wallet shows the terms per currency.
        const holder = await createCustomer(getContainer())
        await api.post(`/admin/coupons/${fifteen.id}/assign`, { customer_ids: [holder.id] }, admin)
        const { data } = await api.get("/store/customers/me/coupons", {
          headers: { ...shop.headers, authorization: `Bearer ${holder.token}` },
        })
        expect(data.coupons[0]).toMatchObject({
          code: "FIFTEEN",
          target: "items",
          min_quantity: null,
          amount: null,
          currency_code: null,
          amounts: [
            { currency_code: "usd", amount: 15 },
            { currency_code: "eur", amount: 12.5 },
          ],
        })
      })
    })

    describe("bad input for every new field: a 400 naming it, nothing written", () => {
      const base = { code: "BAD", title: "Bad", type: "fixed", amount: 5, currency_code: "usd" }
      const badInputs: [string, Record<string, unknown>, RegExp][] = [
        ["unknown target", { ...base, target: "both" }, /target must be 'items' or 'shipping'/],
        ["negative max_shipping_amount", { ...base, target: "shipping", max_shipping_amount: -1 }, /max_shipping_amount cannot be negative/],
        ["max_shipping_amount on an item coupon", { ...base, max_shipping_amount: 20 }, /max_shipping_amount applies to shipping coupons only/],
        ["a 3-letter country", { ...base, target: "shipping", country_codes: ["usa"] }, /country_codes must hold 2-letter ISO 3166 country codes/],
        ["country_codes on an item coupon", { ...base, country_codes: ["us"] }, /country_codes applies to shipping coupons only/],
        ["an unknown customer group", { ...base, customer_group_ids: ["cusgroup_nope"] }, /customer_group_ids contains unknown customer groups: cusgroup_nope/],
        ["min_quantity 0", { ...base, min_quantity: 0 }, /min_quantity must be at least 1/],
        ["min_quantity 1.5", { ...base, min_quantity: 1.5 }, /min_quantity must be a whole number/],
        ["amounts beside currency_code", { ...base, amounts: [{ currency_code: "eur", amount: 5 }] }, /amounts replaces currency_code, amount/],
        ["a fixed entry without amount", { ...base, currency_code: null, amount: null, amounts: [{ currency_code: "eur" }] }, /the EUR entry needs an amount above 0/],
        ["a currency twice", { ...base, currency_code: null, amount: null, amounts: [{ currency_code: "eur", amount: 1 }, { currency_code: "EUR", amount: 2 }] }, /amounts lists EUR twice/],
        ["a malformed entry currency", { ...base, currency_code: null, amount: null, amounts: [{ currency_code: "euro", amount: 1 }] }, /amounts\[\]\.currency_code must be a 3-letter ISO 4217 code/],
        ["an unknown entry field", { ...base, currency_code: null, amount: null, amounts: [{ currency_code: "eur", amount: 1, cap: 2 }] }, /cap/],
        ["an unknown sales channel", { ...base, sales_channel_ids: ["sc_nope"] }, /sales_channel_ids contains unknown sales channels: sc_nope/],
        ["an unknown region", { ...base, region_ids: ["reg_nope"] }, /region_ids contains unknown regions: reg_nope/],
      ]

      it.each(badInputs)("refuses %s", async (_name, body, message) => {
        const error = await refused(api.post("/admin/coupons", body, admin))
        expect(error.status).toBe(400)
        expect(error.message).toMatch(message)
        const couponService: any = getContainer().resolve("coupon")
        expect(await couponService.listCoupons({})).toHaveLength(0)
      })

      it("the basic plan refuses the new restriction fields", async () => {
        await api.post("/admin/coupon-settings", { plan: "basic" }, admin)
        const error = await refused(api.post("/admin/coupons", { ...base, min_quantity: 2 }, admin))
        expect(error).toMatchObject({ status: 400, code: "invalid_data" })
        expect(error.message).toMatch(/^min_quantity is a restriction\/usage field, which the basic coupon plan does not allow/)
      })
    })
  },
})
