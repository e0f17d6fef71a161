import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createRegionsWorkflow, createTaxRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { createAdminHeaders } from "../helpers/admin"
import { createTestStore, ProductKey, storefront, TestStore } from "../helpers/store"

jest.setTimeout(240 * 1000)

const cents = (n: number) => Math.round(n * 100)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let store: TestStore
    let shop: ReturnType<typeof storefront>

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
      // 10% US sales tax, charged on top of prices.
      store = await createTestStore(getContainer(), { usTaxRate: 10 })
      shop = storefront(api, store)
    })

    const getOrder = async (orderId: string) =>
      (
        await api.get(
          `/admin/orders/${orderId}?fields=id,total,item_total,summary,*items,*payment_collections,*payment_collections.payments,*payment_collections.payments.refunds`,
          admin
        )
      ).data.order

    const paymentOf = (order: any) => order.payment_collections[0].payments[0]

    /** Medusa's receipt of a requested return: the items are back at the warehouse. */
    const receiveReturn = async (returnId: string, lines: { id: string; quantity: number }[]) => {
      await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
      await api.post(`/admin/returns/${returnId}/receive-items`, { items: lines }, admin)
      await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin)
    }

    /** Medusa's own return flow: request, receive, confirm; then refund what it says is owed. */
    const returnAndRefund = async (orderId: string, items: [string, number][]) => {
      const { data } = await api.post("/admin/returns", { order_id: orderId, location_id: store.locationId }, admin)
      const returnId = data.return.id
      const lines = items.map(([id, quantity]) => ({ id, quantity }))
      await api.post(`/admin/returns/${returnId}/request-items`, { items: lines }, admin)
      await api.post(`/admin/returns/${returnId}/request`, {}, admin)
      await receiveReturn(returnId, lines)
      const order = await getOrder(orderId)
      const owed = -order.summary.pending_difference
      await api.post(`/admin/payments/${paymentOf(order).id}/refund`, { amount: owed }, admin)
      return owed
    }

    /** The redemption's status once the order.canceled subscriber has settled it (or "unsettled"). */
    const settledRedemptionStatus = async (orderId: string) => {
      const couponService: any = getContainer().resolve("coupon")
      for (let i = 0; i < 50; i++) {
        const [r] = await couponService.listCouponRedemptions({ order_id: orderId })
        if (r && r.status !== "redeemed" && r.status !== "held") return r.status
        await new Promise((res) => setTimeout(res, 100))
      }
      return "unsettled"
    }

    const itemOf = (order: any, handle: string) => order.items.find((i: any) => i.product_handle === handle)

    /**
     * Medusa's exchange or refund claim: the `returned` order lines come back
     * (requested, then received), the `sent` products go out as new lines.
     * Answers the order, whose `summary.pending_difference` is what Medusa
     * settles: negative when the store owes, positive when the customer does.
     */
    const exchangeOrClaim = async (
      kind: "exchange" | "refund claim",
      orderId: string,
      returned: [string, number][],
      sent: [ProductKey, number][] = []
    ) => {
      const route = kind === "exchange" ? "exchanges" : "claims"
      const { data } = await api.post(
        `/admin/${route}`,
        kind === "exchange" ? { order_id: orderId } : { order_id: orderId, type: "refund" },
        admin
      )
      const id = (data.exchange ?? data.claim).id
      const lines = returned.map(([itemId, quantity]) => ({ id: itemId, quantity }))
      await api.post(`/admin/${route}/${id}/inbound/items`, { location_id: store.locationId, items: lines }, admin)
      if (sent.length) {
        const items = sent.map(([key, quantity]) => ({ variant_id: store.variants[key], quantity }))
        await api.post(`/admin/${route}/${id}/outbound/items`, { items }, admin)
      }
      const requested = (await api.post(`/admin/${route}/${id}/request`, {}, admin)).data
      await receiveReturn((requested.exchange ?? requested.claim).return_id, lines)
      return getOrder(orderId)
    }

    const refund = (paymentId: string, amount: number) =>
      api.post(`/admin/payments/${paymentId}/refund`, { amount }, admin).catch((e: any) => e.response)

    const placeOrder = async (
      code: string,
      lines: Parameters<typeof shop.createCart>[0],
      extra = {},
      { fulfill = true } = {}
    ) => {
      const cart = await shop.createCart(lines, extra)
      await shop.applyCoupon(cart.id, code)
      const completed = await shop.complete(cart.id)
      expect(completed.type).toBe("order")
      // The system provider only authorizes: the merchant captures (is paid).
      const placed = await getOrder(completed.order.id)
      await api.post(`/admin/payments/${paymentOf(placed).id}/capture`, {}, admin)
      // Only fulfilled items can be returned (and only unfulfilled orders canceled).
      if (fulfill) await api.post(
        `/admin/orders/${placed.id}/fulfillments`,
        { location_id: store.locationId, items: placed.items.map((i: any) => ({ id: i.id, quantity: i.quantity })) },
        admin
      )
      return getOrder(completed.order.id)
    }

    describe("tax-exclusive USD region (10% tax on top)", () => {
      it("refunds each returned item's price minus its coupon share plus its tax; all refunds add up to what was paid", async () => {
        await api.post("/admin/coupons", { code: "NINE", title: "t", type: "fixed", amount: 9, currency_code: "usd" }, admin)
        // $9 over tee 3×$10, hoodie $60, mug 2×$15: $3 a line, i.e. $1 a tee and $1.50 a mug.
        const order = await placeOrder("NINE", [["tee", 3], ["hoodie", 1], ["mug", 2]])
        // Items: (30−3)×1.1 + (60−3)×1.1 + (30−3)×1.1 = 29.70 + 62.70 + 29.70; shipping 10 + 1 tax.
        expect(order.item_total).toBe(122.1)
        expect(order.total).toBe(133.1)

        const view = (await api.get(`/admin/orders/${order.id}/coupon`, admin)).data.coupon_redemption
        expect(view).toEqual(
          expect.objectContaining({ code: "NINE", discount_total: 9, paid: 133.1, refunded: 0, refundable: 133.1, status: "redeemed" })
        )
        const line = (handle: string) => view.lines.find((l: any) => l.item_id === itemOf(order, handle).id)
        expect(line("tee")).toEqual(
          expect.objectContaining({ quantity: 3, unit_price: 10, subtotal: 30, coupon_share: 3, paid: 29.7, refunded: 0, refundable: 29.7 })
        )
        expect(line("mug")).toEqual(expect.objectContaining({ subtotal: 30, coupon_share: 3, paid: 29.7, refundable: 29.7 }))

        const tee = itemOf(order, "tee").id
        const mug = itemOf(order, "mug").id
        const hoodie = itemOf(order, "hoodie").id
        const refunds = [
          await returnAndRefund(order.id, [[tee, 1]]),
          await returnAndRefund(order.id, [[tee, 1], [mug, 1]]),
          await returnAndRefund(order.id, [[tee, 1], [mug, 1], [hoodie, 1]]),
        ]
        expect(refunds.map(cents)).toEqual([990, 990 + 1485, 990 + 1485 + 6270])
        expect(refunds.reduce((sum, r) => sum + cents(r), 0)).toBe(cents(122.1))

        const after = (await api.get(`/admin/orders/${order.id}/coupon`, admin)).data.coupon_redemption
        expect(after.refunded).toBe(122.1)
        // Shipping (and its tax) is what was paid and not refunded.
        expect(after.refundable).toBe(11)
        expect(line("tee").refundable).toBe(29.7)
        expect(after.lines.every((l: any) => l.refundable === 0)).toBe(true)
        expect(after.lines.find((l: any) => l.item_id === tee)).toEqual(expect.objectContaining({ returned_quantity: 3, refunded: 29.7 }))
      })

      it("refuses a refund above what was paid and not yet refunded, stating the refundable amount, and records nothing", async () => {
        await api.post("/admin/coupons", { code: "TEN", title: "t", type: "fixed", amount: 10, currency_code: "usd" }, admin)
        const order = await placeOrder("TEN", [["hoodie", 1]])
        // (60 − 10) × 1.1 + 11 shipping
        expect(order.total).toBe(66)
        const payment = paymentOf(order)

        const error = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 66.01 }, admin).catch((e) => e.response)
        expect(error.status).toBe(400)
        expect(error.data.message).toBe(
          "Refund of 66.01 USD is more than this coupon order paid and has not been refunded: 66.00 USD can be refunded (paid 66.00 USD, refunded 0.00 USD; coupon TEN's discount is never paid out)."
        )
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 20 }, admin)
        const again = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 46.5 }, admin).catch((e) => e.response)
        expect(again.status).toBe(400)
        expect(again.data.message).toMatch(/46\.00 USD can be refunded \(paid 66\.00 USD, refunded 20\.00 USD/)

        const refunds = (await getOrder(order.id)).payment_collections[0].payments[0].refunds
        expect(refunds.map((r: any) => r.amount)).toEqual([20])

        // Refunding the rest: the order is fully refunded, the use is kept and recorded.
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 46 }, admin)
        expect(await settledRedemptionStatus(order.id)).toBe("refunded")
        const [coupon] = await getContainer().resolve<any>("coupon").listCoupons({ code: "TEN" })
        expect(coupon.usage_count).toBe(1)
      })

      it("keeps the coupon's use when the order is canceled, unless the settings give it back", async () => {
        await api.post("/admin/coupons", { code: "KEEP", title: "t", type: "fixed", amount: 1, currency_code: "usd", usage_limit: 5 }, admin)
        const kept = await placeOrder("KEEP", [["tee", 1]], {}, { fulfill: false })
        await api.post(`/admin/orders/${kept.id}/cancel`, {}, admin)

        await api.post("/admin/coupon-settings", { restore_usage_on_cancel: true }, admin)
        const restored = await placeOrder("KEEP", [["tee", 1]], {}, { fulfill: false })
        await api.post(`/admin/orders/${restored.id}/cancel`, {}, admin)

        expect(await settledRedemptionStatus(kept.id)).toBe("canceled")
        expect(await settledRedemptionStatus(restored.id)).toBe("released")
        const [coupon] = await getContainer().resolve<any>("coupon").listCoupons({ code: "KEEP" })
        expect(coupon.usage_count).toBe(1)
      })

      it("counts a kept use already when the coupon is applied, not only at completion", async () => {
        await api.post("/admin/coupons", { code: "ONCE", title: "t", type: "fixed", amount: 1, currency_code: "usd", usage_limit: 1 }, admin)
        const order = await placeOrder("ONCE", [["tee", 1]], {}, { fulfill: false })
        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        expect(await settledRedemptionStatus(order.id)).toBe("canceled")

        const cart = await shop.createCart([["tee", 1]])
        const refused = await shop.applyCoupon(cart.id, "ONCE").catch((e) => e.response)
        expect(refused.status).toBe(400)
        expect(refused.data.message).toBe("Coupon ONCE has reached its usage limit.")
        // Nothing written: no coupon on the cart, the coupon's count unchanged.
        expect(await shop.getCoupon(cart.id)).toEqual({ coupon: null })
        const [once] = await getContainer().resolve<any>("coupon").listCoupons({ code: "ONCE" })
        expect(once.usage_count).toBe(1)
      })
    })

    describe("exchanges and claims (tax-exclusive USD, 10% tax): the returned line is worth what it paid", () => {
      // $9 over hoodie $60 and mug $15: $4.50 a line, so the hoodie paid
      // (60 − 4.50) × 1.1 = 61.05 and the mug (15 − 4.50) × 1.1 = 11.55; shipping 10 + 1 tax.
      const placeHoodieAndMug = async (code: string) => {
        await api.post("/admin/coupons", { code, title: "t", type: "fixed", amount: 9, currency_code: "usd" }, admin)
        const order = await placeOrder(code, [["hoodie", 1], ["mug", 1]])
        expect(order.total).toBe(83.6)
        return order
      }

      it("exchange for a cheaper item: the store owes the returned item's paid price minus the new item's, refunds exactly that, and no cent above what is left", async () => {
        const order = await placeHoodieAndMug("SWAP")
        const payment = paymentOf(order)
        const after = await exchangeOrClaim("exchange", order.id, [[itemOf(order, "hoodie").id, 1]], [["tee", 1]])
        // The new tee takes no coupon share: 10 + 1 tax = 11.
        expect(itemOf(after, "tee")).toEqual(expect.objectContaining({ unit_price: 10, discount_total: 0, total: 11 }))
        // Owed: 61.05 − 11 = 50.05 (at the hoodie's list price it would be 66 − 11 = 55).
        expect(cents(after.summary.pending_difference)).toBe(-5005)

        expect((await refund(payment.id, 50.05)).status).toBe(200)
        const settled = await getOrder(order.id)
        expect(settled.summary.pending_difference).toBe(0)
        expect(paymentOf(settled).refunds.map((r: any) => r.amount)).toEqual([50.05])
        // What stays paid is what the customer keeps: mug 11.55 + tee 11 + shipping 11.
        expect(settled.total).toBe(33.55)
        // The guard bounds a refund by what was paid and not refunded (83.60 − 50.05 = 33.55), not by
        // the exchange's difference: a cent above the difference would pass, a cent above 33.55 does not.
        const error = await refund(payment.id, 33.56)
        expect(error.status).toBe(400)
        expect(error.data.message).toBe(
          "Refund of 33.56 USD is more than this coupon order paid and has not been refunded: 33.55 USD can be refunded (paid 83.60 USD, refunded 50.05 USD; coupon SWAP's discount is never paid out)."
        )
        expect(paymentOf(await getOrder(order.id)).refunds).toHaveLength(1)
      })

      it("exchange for a dearer item: the customer owes the new item's price with tax minus the returned item's paid price", async () => {
        const order = await placeHoodieAndMug("UPGRADE")
        const after = await exchangeOrClaim("exchange", order.id, [[itemOf(order, "mug").id, 1]], [["hoodie", 1]])
        // The new hoodie takes no coupon share: 60 + 6 tax = 66. Owed by the customer:
        // 66 − 11.55 = 54.45 (at the mug's list price it would be 66 − 16.50 = 49.50).
        expect(cents(after.summary.pending_difference)).toBe(5445)
        // Medusa asks for it in a new payment collection; the first payment is untouched.
        const unpaid = after.payment_collections.filter((c: any) => c.status === "not_paid")
        expect(unpaid.map((c: any) => c.amount)).toEqual([54.45])
        expect(paymentOf(after).refunds).toEqual([])
      })

      it("refund claim for a damaged discounted item: the store owes the item's paid price, not its list price", async () => {
        const order = await placeHoodieAndMug("DENT")
        const payment = paymentOf(order)
        const after = await exchangeOrClaim("refund claim", order.id, [[itemOf(order, "hoodie").id, 1]])
        // Owed: the hoodie's 61.05 (list price with tax: 66).
        expect(cents(after.summary.pending_difference)).toBe(-6105)

        expect((await refund(payment.id, 61.05)).status).toBe(200)
        const settled = await getOrder(order.id)
        expect(settled.summary.pending_difference).toBe(0)
        // Left paid: mug 11.55 + shipping 11 = 22.55; a cent more is refused.
        expect(settled.total).toBe(22.55)
        const error = await refund(payment.id, 22.56)
        expect(error.status).toBe(400)
        expect(error.data.message).toMatch(/22\.55 USD can be refunded \(paid 83\.60 USD, refunded 61\.05 USD/)
      })
    })

    describe("tax-inclusive EUR region (20% VAT in the price)", () => {
      it("refunds the discounted, tax-inclusive price of each returned item; refunds add up to what was paid", async () => {
        const container = getContainer()
        const {
          result: [eu],
        } = await createRegionsWorkflow(container).run({
          input: {
            regions: [
              { name: "EU", currency_code: "eur", countries: ["de"], payment_providers: ["pp_system_default"], is_tax_inclusive: true } as any,
            ],
          },
        })
        await createTaxRegionsWorkflow(container).run({
          input: [{ country_code: "de", provider_id: "tp_system", default_tax_rate: { rate: 20, code: "VAT", name: "VAT" } }],
        })
        // Prices in EUR and in this region include VAT.
        const pricing = container.resolve(Modules.PRICING)
        for (const [attribute, value] of [["currency_code", "eur"], ["region_id", eu.id]]) {
          const [existing] = await pricing.listPricePreferences({ attribute, value })
          if (existing) await pricing.updatePricePreferences({ id: existing.id }, { is_tax_inclusive: true })
          else await pricing.createPricePreferences([{ attribute, value, is_tax_inclusive: true }])
        }
        await api.post("/admin/coupons", { code: "SIX", title: "t", type: "fixed", amount: 6, currency_code: "eur" }, admin)

        const order = await placeOrder("SIX", [["tee", 2], ["mug", 1]], {
          region_id: eu.id,
          shipping_address: { first_name: "A", last_name: "B", address_1: "1 Str", city: "Berlin", country_code: "de", postal_code: "10115" },
        })
        // €6 over tee 2×€10 and mug €15: €3 each, VAT already inside the prices.
        expect(order.item_total).toBe(29)
        const tee = itemOf(order, "tee")
        expect(tee.is_tax_inclusive).toBe(true)

        const refunds = [
          await returnAndRefund(order.id, [[tee.id, 1]]),
          await returnAndRefund(order.id, [[tee.id, 1]]),
          await returnAndRefund(order.id, [[itemOf(order, "mug").id, 1]]),
        ]
        expect(refunds.map(cents)).toEqual([850, 850, 1200])
        expect(refunds.reduce((s, r) => s + cents(r), 0)).toBe(cents(order.item_total))
        const view = (await api.get(`/admin/orders/${order.id}/coupon`, admin)).data.coupon_redemption
        expect(view.refunded).toBe(29)
      })
    })

    it("answers null for an order without a coupon", async () => {
      const cart = await shop.createCart([["tee", 1]])
      const completed = await shop.complete(cart.id)
      const { data } = await api.get(`/admin/orders/${completed.order.id}/coupon`, admin)
      expect(data).toEqual({ coupon_redemption: null })
    })
  },
})
