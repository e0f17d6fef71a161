import Medusa, { FetchError } from "@medusajs/js-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders, createFixedPromotion } from "../helpers/admin"
import { createCustomer } from "../helpers/customer"
import { createTestStore, lineOf, TestStore } from "../helpers/store"
import { applyCouponToCartWorkflow, claimCouponAtCompletionWorkflow, refreshCouponOnCartWorkflow, refuse } from "../../src/workflows"

// A merchant's own rule, hooked into the exported apply workflow: whatever
// path a code comes by runs it.
applyCouponToCartWorkflow.hooks.validate(async ({ input }) => {
  if (input.code.toUpperCase() === "STAFFONLY") {
    throw refuse("not_allowed", "STAFFONLY is for the shop's staff, at the till.")
  }
})

// A merchant's rule on refreshing: a one-item coupon refuses a second line.
refreshCouponOnCartWorkflow.hooks.validate(async ({ input, application }) => {
  if (application?.status === "applied" && application.code === "SINGLEONLY" && (input.cart.items ?? []).length > 1) {
    throw refuse("not_allowed", "SINGLEONLY is for one-item orders; remove it to add more.")
  }
})

// A merchant's rule on claiming: the team's coupon goes on any cart, but
// only an order placed with a team address may spend it. The carts it saw
// say which completions ran the claim workflow.
const claimedCartIds = new Set<string>()
claimCouponAtCompletionWorkflow.hooks.validate(async ({ input, claim }) => {
  claimedCartIds.add(input.cart.id)
  if (claim?.code === "TEAMONLY" && !claim.email?.endsWith("@team.example")) {
    throw refuse("not_allowed", "TEAMONLY is spent only on orders placed with a team address.")
  }
})

jest.setTimeout(240 * 1000)

/*
 * Codes typed at Medusa's official storefront (rules.md §7.1), driven only
 * through @medusajs/js-sdk the way medusajs/dtc-starter drives it: the code
 * box calls sdk.store.cart.update(id, { promo_codes }) with the codes listed
 * in cart.promotions plus the new one, a remove button sends the list
 * without it, and the cart is read with the storefront's own fields.
 */
const STOREFRONT_CART_FIELDS =
  "*items, *region, *items.product, *items.variant, *items.thumbnail, *items.metadata, +items.total, *promotions, +shipping_methods.name"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let store: TestStore

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
      store = await createTestStore(getContainer())
    })

    /** A storefront's SDK, as a guest or with a customer's token. */
    const storefrontSdk = (token?: string) => {
      const sdk = new Medusa({ baseUrl: api.defaults.baseURL, publishableKey: store.publishableKey })
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
      const cart = {
        create: async (lines: [keyof TestStore["variants"], number][], extra: Record<string, unknown> = {}) =>
          (
            await sdk.store.cart.create(
              {
                region_id: store.regionId,
                email: `shopper-${Math.random().toString(36).slice(2)}@example.com`,
                items: lines.map(([key, quantity]) => ({ variant_id: store.variants[key], quantity })),
                shipping_address: {
                  first_name: "A",
                  last_name: "B",
                  address_1: "1 St",
                  city: "NYC",
                  country_code: "us",
                  postal_code: "10001",
                },
                ...extra,
              } as any,
              {},
              headers
            )
          ).cart,
        /** The storefront's "Add Promotion Code(s)" box and remove buttons. */
        setCodes: async (id: string, codes: string[]) => (await sdk.store.cart.update(id, { promo_codes: codes }, {}, headers)).cart,
        retrieve: async (id: string) => (await sdk.store.cart.retrieve(id, { fields: STOREFRONT_CART_FIELDS }, headers)).cart as any,
        addItem: async (id: string, key: keyof TestStore["variants"], quantity: number) =>
          (await sdk.store.cart.createLineItem(id, { variant_id: store.variants[key], quantity }, {}, headers)).cart,
        async checkout(id: string) {
          await sdk.store.cart.addShippingMethod(id, { option_id: store.shippingOptionId }, {}, headers)
          const { cart: shipped } = await sdk.store.cart.retrieve(id, {}, headers)
          await sdk.store.payment.initiatePaymentSession(shipped, { provider_id: "pp_system_default" }, {}, headers)
          // The order with its promotions (Medusa lists them on request: `*promotions`).
          return sdk.store.cart.complete(id, { fields: "+discount_total,+item_total,+shipping_total,*promotions" }, headers)
        },
      }
      return { sdk, cart, headers }
    }

    /** What a refused SDK call shows the shopper (the storefront prints error.message). */
    const refusalOf = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => {
          throw new Error("expected the request to be refused")
        },
        (e) => e
      )
      expect(error).toBeInstanceOf(FetchError)
      return { status: (error as FetchError).status, message: (error as FetchError).message }
    }

    const createCoupon = async (body: Record<string, unknown>) =>
      (await api.post("/admin/coupons", { currency_code: "usd", title: "t", ...body }, admin)).data.coupon

    const createPromotion = (code: string, is_automatic = false) => createFixedPromotion(api, admin, code, { is_automatic })

    const adjustmentOf = (cart: any, key: keyof TestStore["variants"]) =>
      (lineOf(cart, store, key)?.adjustments ?? []).reduce((sum: number, a: any) => sum + a.amount, 0)

    const listed = (cart: any) =>
      (cart.promotions ?? []).map((p: any) => ({
        code: p.code,
        is_automatic: p.is_automatic,
        application_method: {
          type: p.application_method?.type,
          value: p.application_method?.value,
          currency_code: p.application_method?.currency_code,
        },
      }))

    describe("a shared code typed at the storefront", () => {
      it("applies, is listed, comes off with the list without it, and the order carries it to the cent", async () => {
        await createCoupon({ code: "SAVE10", type: "fixed", amount: 10, min_spend: 50 })
        const shop = storefrontSdk()
        const created = await shop.cart.create([
          ["tee", 2],
          ["hoodie", 1],
          ["mug", 1],
        ])

        // Lower case, as a shopper types it.
        await shop.cart.setCodes(created.id, ["save10"])
        const applied = await shop.cart.retrieve(created.id)
        // $10 over $20 / $60 / $15: 3.33 each and the leftover cent to the largest line.
        expect(adjustmentOf(applied, "hoodie")).toBe(3.34)
        expect(adjustmentOf(applied, "tee")).toBe(3.33)
        expect(adjustmentOf(applied, "mug")).toBe(3.33)
        expect(applied.discount_total).toBe(10)
        expect(applied.item_total).toBe(85)
        expect(applied.total).toBe(85)
        expect(listed(applied)).toEqual([
          { code: "SAVE10", is_automatic: false, application_method: { type: "fixed", value: 10, currency_code: "usd" } },
        ])
        // Every line's adjustment names the coupon, as a promotion's names its code.
        expect(applied.items.flatMap((i: any) => i.adjustments.map((a: any) => a.code))).toEqual(["SAVE10", "SAVE10", "SAVE10"])

        // The remove button: the listed codes without this one.
        const removed = await shop.cart.setCodes(
          created.id,
          listed(applied).map((p: any) => p.code).filter((code: string) => code !== "SAVE10")
        )
        expect(removed.discount_total).toBe(0)
        expect(removed.total).toBe(95)
        expect(listed(removed)).toEqual([])
        expect((await shop.cart.retrieve(created.id)).promotions).toEqual([])

        // Typed again, then shipping ($10), payment and completion.
        const readded = await shop.cart.setCodes(created.id, ["SAVE10"])
        expect(readded.total).toBe(85)
        expect(listed(readded).map((p: any) => p.code)).toEqual(["SAVE10"])
        const completed = await shop.cart.checkout(created.id)
        expect(completed.type).toBe("order")
        const order = (completed as any).order
        expect(order.discount_total).toBe(10)
        expect(order.item_total).toBe(85)
        expect(order.shipping_total).toBe(10)
        expect(order.total).toBe(95)
        expect(listed(order)).toEqual([
          { code: "SAVE10", is_automatic: false, application_method: { type: "fixed", value: 10, currency_code: "usd" } },
        ])

        // The order read again by the storefront, and by Medusa's admin (its order page names codes from adjustments).
        const { order: reread } = await shop.sdk.store.order.retrieve(order.id, { fields: "*promotions" }, shop.headers)
        expect(listed(reread).map((p: any) => p.code)).toEqual(["SAVE10"])
        const { order: adminOrder } = (
          await api.get(`/admin/orders/${order.id}?fields=+discount_total,*items,*items.adjustments`, admin)
        ).data
        expect(adminOrder.discount_total).toBe(10)
        expect(
          adminOrder.items.map((i: any) => i.adjustments.map((a: any) => [a.code, a.amount])).flat().sort()
        ).toEqual([
          ["SAVE10", 3.33],
          ["SAVE10", 3.33],
          ["SAVE10", 3.34],
        ])
        const { coupon_redemption } = (await api.get(`/admin/orders/${order.id}/coupon`, admin)).data
        expect(coupon_redemption.code).toBe("SAVE10")
        expect(coupon_redemption.discount_total).toBe(10)
      })

      it("caps a percentage coupon and lists it as a percentage", async () => {
        await createCoupon({ code: "WELCOME10", type: "percentage", percentage: 10, max_discount: 20, min_spend: 50 })
        const shop = storefrontSdk()
        const created = await shop.cart.create([
          ["hoodie", 3],
          ["mug", 2],
          ["tee", 2],
        ])
        const cart = await shop.cart.setCodes(created.id, ["Welcome10"])
        // 10% of $230 is $23, capped at $20: 6.66 each and the two leftover cents to the largest lines ($180, $30).
        const read = await shop.cart.retrieve(cart.id)
        expect(adjustmentOf(read, "hoodie")).toBe(6.67)
        expect(adjustmentOf(read, "mug")).toBe(6.67)
        expect(adjustmentOf(read, "tee")).toBe(6.66)
        expect(read.discount_total).toBe(20)
        expect(read.total).toBe(210)
        expect(listed(read)).toEqual([
          { code: "WELCOME10", is_automatic: false, application_method: { type: "percentage", value: 10, currency_code: "usd" } },
        ])
      })

      it("recomputes on a cart change and comes off the list, saying why, when the cart no longer qualifies", async () => {
        await createCoupon({ code: "SAVE10", type: "fixed", amount: 10, min_spend: 50 })
        const shop = storefrontSdk()
        const created = await shop.cart.create([["hoodie", 1]])
        await shop.cart.setCodes(created.id, ["SAVE10"])
        const grown = await shop.cart.addItem(created.id, "mug", 1)
        // $10 over $60 / $15: 5.00 each.
        expect(adjustmentOf(grown, "hoodie")).toBe(5)
        expect(adjustmentOf(grown, "mug")).toBe(5)
        expect(listed(grown).map((p: any) => p.code)).toEqual(["SAVE10"])

        const hoodie = lineOf(grown, store, "hoodie")
        const { parent: shrunk } = await shop.sdk.store.cart.deleteLineItem(created.id, hoodie.id, {}, shop.headers)
        expect(shrunk!.promotions).toEqual([])
        const after = await shop.cart.retrieve(created.id)
        expect(after.discount_total).toBe(0)
        expect(after.promotions).toEqual([])
        const { coupon, notice } = await shop.sdk.client.fetch<any>(`/store/carts/${created.id}/coupon`, { headers: shop.headers })
        expect(coupon).toBeNull()
        expect(notice).toBe(
          "Coupon SAVE10 was removed: Minimum spend not met for coupon SAVE10: add 35.00 USD more of eligible items (minimum 50.00 USD, eligible now 15.00 USD)."
        )
      })
    })

    describe("a serial code", () => {
      it("is listed under its own code; another customer's wallet serial is refused", async () => {
        const serialCoupon = await createCoupon({ code: null, type: "fixed", amount: 7 })
        const couponService: any = getContainer().resolve("coupon")
        await couponService.createCouponCodes([{ code: "SER-FREE1", coupon_id: serialCoupon.id }])
        const holder = await createCustomer(getContainer())
        const [entry] = (await api.post(`/admin/coupons/${serialCoupon.id}/assign`, { customer_ids: [holder.id] }, admin)).data
          .wallet_entries
        expect(entry.code).toBe("SER-FREE1")

        // Someone else types the holder's code.
        const other = await createCustomer(getContainer())
        const otherShop = storefrontSdk(other.token)
        const otherCart = await otherShop.cart.create([["hoodie", 1]])
        expect(await refusalOf(otherShop.cart.setCodes(otherCart.id, ["ser-free1"]))).toEqual({
          status: 400,
          message: "Coupon code SER-FREE1 belongs to another customer's wallet; coupons cannot be transferred.",
        })
        expect((await otherShop.cart.retrieve(otherCart.id)).discount_total).toBe(0)

        // The holder types it.
        const shop = storefrontSdk(holder.token)
        const cart = await shop.cart.create([["hoodie", 1]])
        await shop.cart.setCodes(cart.id, ["ser-free1"])
        const read = await shop.cart.retrieve(cart.id)
        expect(read.discount_total).toBe(7)
        expect(read.total).toBe(53)
        expect(listed(read)).toEqual([
          { code: "SER-FREE1", is_automatic: false, application_method: { type: "fixed", value: 7, currency_code: "usd" } },
        ])
      })
    })

    describe("refusals shown under the code box", () => {
      it("shows the rule that failed, writes nothing, and counts unknown codes as guesses", async () => {
        await createCoupon({ code: "SAVE25", type: "fixed", amount: 25, min_spend: 100 })
        const shop = storefrontSdk()
        const cart = await shop.cart.create([["hoodie", 1]])
        expect(await refusalOf(shop.cart.setCodes(cart.id, ["SAVE25"]))).toEqual({
          status: 400,
          message:
            "Minimum spend not met for coupon SAVE25: add 40.00 USD more of eligible items (minimum 100.00 USD, eligible now 60.00 USD).",
        })
        // The refusal as data: code and details.
        const raw = await api
          .post(`/store/carts/${cart.id}`, { promo_codes: ["SAVE25"] }, { headers: { "x-publishable-api-key": store.publishableKey } })
          .catch((e: any) => e.response)
        expect(raw.status).toBe(400)
        expect(raw.data.code).toBe("min_spend_not_met")
        expect(raw.data.details).toEqual({ currency_code: "usd", missing_amount: 40, min_spend: 100, eligible_subtotal: 60 })
        const read = await shop.cart.retrieve(cart.id)
        expect(read.discount_total).toBe(0)
        expect(read.promotions).toEqual([])
        // A NUL byte never reaches the database: a 400 that says where.
        const nul = await api
          .post(`/store/carts/${cart.id}`, { promo_codes: ["SAVE\u000025"] }, { headers: { "x-publishable-api-key": store.publishableKey } })
          .catch((e: any) => e.response)
        expect([nul.status, nul.data.code]).toEqual([400, "invalid_data"])
        expect(nul.data.message).toBe(
          "Invalid request: promo_codes.0 contains a control character (U+0000) at position 5; remove it and send the request again."
        )
        const afterNul = await shop.cart.retrieve(cart.id)
        expect([afterNul.discount_total, afterNul.promotions]).toEqual([0, []])

        // Unknown codes: Medusa's wording, and ten of them lock this cart out of guessing.
        for (let i = 0; i < 10; i++) {
          expect(await refusalOf(shop.cart.setCodes(cart.id, [`NOPE${i}`]))).toEqual({
            status: 400,
            message: `The promotion code NOPE${i} is invalid: no coupon or promotion has this code.`,
          })
        }
        const locked = await refusalOf(shop.cart.setCodes(cart.id, ["NOPE10"]))
        expect(locked.status).toBe(429)
        expect(locked.message).toMatch(/^Too many attempts with unknown coupon codes\. Try again in \d+ seconds\.$/)
      })

      it("refuses a coupon with a Medusa promotion code, and two coupons, naming them", async () => {
        await createCoupon({ code: "SAVE10", type: "fixed", amount: 10 })
        await createCoupon({ code: "SAVE5", type: "fixed", amount: 5 })
        await createPromotion("PROMO4")
        const shop = storefrontSdk()
        const cart = await shop.cart.create([["hoodie", 1]])
        expect(await refusalOf(shop.cart.setCodes(cart.id, ["PROMO4", "save10"]))).toEqual({
          status: 400,
          message: "Coupon SAVE10 cannot be combined with promotion PROMO4: remove PROMO4 to use the coupon.",
        })
        expect(await refusalOf(shop.cart.setCodes(cart.id, ["SAVE10", "SAVE5"]))).toEqual({
          status: 400,
          message: "Only one coupon can be used on an order: SAVE10, SAVE5 were sent together. Keep one of them.",
        })
        expect((await shop.cart.retrieve(cart.id)).discount_total).toBe(0)

        // With the coupon on the cart, the storefront sends [SAVE10, PROMO4] to add the promotion: refused.
        await shop.cart.setCodes(cart.id, ["SAVE10"])
        expect(await refusalOf(shop.cart.setCodes(cart.id, ["SAVE10", "PROMO4"]))).toEqual({
          status: 400,
          message: "Coupon SAVE10 cannot be combined with promotion PROMO4: remove PROMO4 to use the coupon.",
        })
        const read = await shop.cart.retrieve(cart.id)
        expect(read.discount_total).toBe(10)
        expect(listed(read).map((p: any) => p.code)).toEqual(["SAVE10"])

        // A list of the promotion alone replaces the coupon with it.
        const replaced = await shop.cart.setCodes(cart.id, ["PROMO4"])
        expect(replaced.discount_total).toBe(4)
        expect(listed(replaced)).toEqual([
          { code: "PROMO4", is_automatic: false, application_method: { type: "fixed", value: 4, currency_code: "usd" } },
        ])
      })

      it("leaves Medusa promotions alone on carts without a coupon, automatic ones included", async () => {
        await createPromotion("AUTO4", true)
        await createPromotion("PROMO4")
        await createCoupon({ code: "SAVE10", type: "fixed", amount: 10 })
        const shop = storefrontSdk()
        const cart = await shop.cart.create([["hoodie", 1]])
        const start = await shop.cart.retrieve(cart.id)
        expect(listed(start).map((p: any) => p.code)).toEqual(["AUTO4"])
        // The storefront sends every listed code plus the new one.
        const both = await shop.cart.setCodes(cart.id, ["AUTO4", "PROMO4"])
        expect(both.discount_total).toBe(8)
        expect(listed(both).map((p: any) => p.code).sort()).toEqual(["AUTO4", "PROMO4"])
        const onlyAuto = await shop.cart.setCodes(cart.id, ["AUTO4"])
        expect(onlyAuto.discount_total).toBe(4)

        // A coupon typed beside the automatic promotion's listed code: the promotion stands aside.
        const withCoupon = await shop.cart.setCodes(cart.id, ["AUTO4", "SAVE10"])
        expect(withCoupon.discount_total).toBe(10)
        expect(listed(withCoupon).map((p: any) => p.code)).toEqual(["SAVE10"])
        // Removed with its button: the automatic promotion comes back.
        const back = await shop.cart.setCodes(cart.id, [])
        expect(back.discount_total).toBe(4)
        expect(listed(back).map((p: any) => p.code)).toEqual(["AUTO4"])
      })
    })

    describe("a merchant's hook", () => {
      it("refuses through the exported workflow's validate hook, on every path a code takes", async () => {
        await createCoupon({ code: "STAFFONLY", type: "fixed", amount: 10 })
        const shop = storefrontSdk()
        const cart = await shop.cart.create([["hoodie", 1]])
        const expected = { status: 400, message: "STAFFONLY is for the shop's staff, at the till." }
        expect(await refusalOf(shop.cart.setCodes(cart.id, ["staffonly"]))).toEqual(expected)
        expect(
          await refusalOf(shop.sdk.client.fetch(`/store/carts/${cart.id}/coupon`, { method: "POST", body: { code: "STAFFONLY" } }))
        ).toEqual(expected)
        // The preview runs the same hook: refused with the merchant's code and message, nothing applied.
        const { preview } = await shop.sdk.client.fetch<any>(`/store/carts/${cart.id}/coupon/preview`, { method: "POST", body: { code: "staffonly" } })
        expect(preview).toEqual({
          code: "STAFFONLY",
          eligible: false,
          discount_total: 0,
          allocations: [],
          refusal: { code: "not_allowed", message: "STAFFONLY is for the shop's staff, at the till.", details: {} },
        })
        expect((await shop.cart.retrieve(cart.id)).discount_total).toBe(0)
        // A code the hook lets through previews as applying would give it.
        await createCoupon({ code: "OPEN10", type: "fixed", amount: 10 })
        const open = await shop.sdk.client.fetch<any>(`/store/carts/${cart.id}/coupon/preview`, { method: "POST", body: { code: "open10" } })
        expect([open.preview.eligible, open.preview.discount_total]).toEqual([true, 10])
      })

      it("refuses a cart change through the exported refresh workflow's validate hook", async () => {
        await createCoupon({ code: "SINGLEONLY", type: "fixed", amount: 10 })
        const shop = storefrontSdk()
        const cart = await shop.cart.create([["hoodie", 1]])
        expect((await shop.cart.setCodes(cart.id, ["singleonly"])).total).toBe(50)
        expect(await refusalOf(shop.cart.addItem(cart.id, "mug", 1))).toEqual({
          status: 400,
          message: "SINGLEONLY is for one-item orders; remove it to add more.",
        })
        const after = await shop.cart.retrieve(cart.id)
        expect(after.items).toHaveLength(1)
        expect(after.total).toBe(50)
      })

      it("refuses a claim at completion through the exported claim workflow's validate hook: nothing counted", async () => {
        await createCoupon({ code: "TEAMONLY", type: "fixed", amount: 10 })
        const shop = storefrontSdk()
        const outsider = await shop.cart.create([["hoodie", 1]])
        // Applying is not the claim: the coupon goes on the cart.
        expect((await shop.cart.setCodes(outsider.id, ["teamonly"])).discount_total).toBe(10)
        expect(await refusalOf(shop.cart.checkout(outsider.id))).toEqual({
          status: 400,
          message: "TEAMONLY is spent only on orders placed with a team address.",
        })
        const couponService: any = getContainer().resolve("coupon")
        const [coupon] = await couponService.listCoupons({ code: "TEAMONLY" })
        expect(coupon.usage_count).toBe(0)
        expect(await couponService.listCouponRedemptions({ coupon_id: coupon.id })).toEqual([])
        expect((await shop.cart.retrieve(outsider.id)).completed_at ?? null).toBeNull()

        const member = await shop.cart.create([["hoodie", 1]], { email: "sam@team.example" })
        expect((await shop.cart.setCodes(member.id, ["TEAMONLY"])).total).toBe(50)
        const placed: any = await shop.cart.checkout(member.id)
        expect(placed.type).toBe("order")
        expect(placed.order.discount_total).toBe(10)
        const [counted] = await couponService.listCoupons({ code: "TEAMONLY" })
        expect(counted.usage_count).toBe(1)
      })
      it("runs the claim workflow only for a cart carrying a coupon: its hook never sees a cart that had none or had it taken off", async () => {
        await createCoupon({ code: "HOOKSEEN", type: "fixed", amount: 10 })
        const shop = storefrontSdk()
        const plain = await shop.cart.create([["hoodie", 1]])
        expect(((await shop.cart.checkout(plain.id)) as any).type).toBe("order")
        const takenOff = await shop.cart.create([["hoodie", 1]])
        expect((await shop.cart.setCodes(takenOff.id, ["HOOKSEEN"])).discount_total).toBe(10)
        expect((await shop.cart.setCodes(takenOff.id, [])).discount_total).toBe(0)
        expect(((await shop.cart.checkout(takenOff.id)) as any).type).toBe("order")
        const carrying = await shop.cart.create([["hoodie", 1]])
        expect((await shop.cart.setCodes(carrying.id, ["HOOKSEEN"])).discount_total).toBe(10)
        expect(((await shop.cart.checkout(carrying.id)) as any).order.discount_total).toBe(10)
        expect([plain.id, takenOff.id, carrying.id].map((id) => claimedCartIds.has(id))).toEqual([false, false, true])
      })
      it("refuses a cart whose coupon is used up before Medusa's completion starts; a completed cart still answers its order", async () => {
        await createCoupon({ code: "LASTONE", type: "fixed", amount: 10, usage_limit: 1 })
        const shop = storefrontSdk()
        const first = await shop.cart.create([["hoodie", 1]])
        const late = await shop.cart.create([["hoodie", 1]])
        expect((await shop.cart.setCodes(first.id, ["LASTONE"])).discount_total).toBe(10)
        expect((await shop.cart.setCodes(late.id, ["LASTONE"])).discount_total).toBe(10)
        const placed: any = await shop.cart.checkout(first.id)
        expect(placed.order.discount_total).toBe(10)
        // (Held by the first cart's order until its order.placed subscriber has run: the message may say so.)
        expect(await refusalOf(shop.cart.checkout(late.id))).toEqual({
          status: 400,
          message: expect.stringMatching(/^Coupon LASTONE has reached its usage limit/),
        })
        // Refused by the route's first read: the claim workflow never ran for it.
        expect(claimedCartIds.has(late.id)).toBe(false)
        expect((await shop.cart.retrieve(late.id)).completed_at ?? null).toBeNull()
        // Completing the placed cart again is Medusa's as ever: its order, not a refusal.
        const again: any = await shop.sdk.store.cart.complete(first.id, {}, shop.headers)
        expect(again.type).toBe("order")
        expect(again.order.id).toBe(placed.order.id)
        const couponService: any = getContainer().resolve("coupon")
        const [coupon] = await couponService.listCoupons({ code: "LASTONE" })
        expect(coupon.usage_count).toBe(1)
      })
    })

    describe("Medusa's promotion routes", () => {
      it("POST and DELETE /store/carts/:id/promotions apply and remove a coupon", async () => {
        await createCoupon({ code: "SAVE10", type: "fixed", amount: 10 })
        const shop = storefrontSdk()
        const cart = await shop.cart.create([["hoodie", 1]])
        const added = await shop.sdk.client.fetch<any>(`/store/carts/${cart.id}/promotions`, {
          method: "POST",
          body: { promo_codes: ["save10"] },
        })
        expect(added.cart.discount_total).toBe(10)
        expect(listed(added.cart).map((p: any) => p.code)).toEqual(["SAVE10"])
        const removed = await shop.sdk.client.fetch<any>(`/store/carts/${cart.id}/promotions`, {
          method: "DELETE",
          body: { promo_codes: ["SAVE10"] },
        })
        expect(removed.cart.discount_total).toBe(0)
        expect(removed.cart.promotions).toEqual([])
        const { coupon } = await shop.sdk.client.fetch<any>(`/store/carts/${cart.id}/coupon`)
        expect(coupon).toBeNull()
      })
    })

    describe("completion under concurrency through promo_codes", () => {
      it("never exceeds usage_limit: 12 carts at once, limit 4 → exactly 4 orders carry the coupon", async () => {
        await createCoupon({ code: "FOURONLY", type: "fixed", amount: 5, usage_limit: 4 })
        const shop = storefrontSdk()
        const carts = await Promise.all(Array.from({ length: 12 }, () => shop.cart.create([["hoodie", 1]])))
        for (const cart of carts) {
          const applied = await shop.cart.setCodes(cart.id, ["fouronly"])
          expect(applied.total).toBe(55)
        }
        const results = await Promise.allSettled(carts.map((cart) => shop.cart.checkout(cart.id)))
        const orders = results.filter((r) => r.status === "fulfilled" && (r.value as any).type === "order")
        expect(orders).toHaveLength(4)
        for (const r of orders) expect(((r as PromiseFulfilledResult<any>).value.order).discount_total).toBe(5)
        const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[]
        expect(refused).toHaveLength(8)
        for (const r of refused) expect(r.reason.message).toMatch(/^Coupon FOURONLY has reached its usage limit/)
        const couponService: any = getContainer().resolve("coupon")
        const [coupon] = await couponService.listCoupons({ code: "FOURONLY" })
        expect(coupon.usage_count).toBe(4)
      })
    })
  },
})
