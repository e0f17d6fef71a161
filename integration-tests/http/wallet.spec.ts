import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer, TestCustomer } from "../helpers/customer"
import { createTestStore, lineOf, storefront, TestStore } from "../helpers/store"
import { refusal } from "../helpers/http"

jest.setTimeout(240 * 1000)

const DAY = 24 * 3600 * 1000
const USE_URL = "http://localhost:8000/checkout?coupon="

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: { headers: Record<string, string> }
    let store: TestStore

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
      store = await createTestStore(getContainer())
    })

    const couponService = () => getContainer().resolve("coupon") as any

    const createCoupon = async (body: Record<string, unknown>) =>
      (await api.post("/admin/coupons", { currency_code: "usd", ...body }, admin)).data.coupon

    /** Serial codes of a coupon, written through the module (the codes API is another part). */
    const addSerials = async (couponId: string, codes: string[], extra: Record<string, unknown> = {}) =>
      couponService().createCouponCodes(codes.map((code) => ({ code, coupon_id: couponId, ...extra })))

    const assign = async (couponId: string, customerIds: string[]) =>
      (await api.post(`/admin/coupons/${couponId}/assign`, { customer_ids: customerIds }, admin)).data.wallet_entries

    const headersOf = (customer?: TestCustomer) => ({
      headers: {
        "x-publishable-api-key": store.publishableKey,
        ...(customer ? { authorization: `Bearer ${customer.token}` } : {}),
      },
    })

    const wallet = async (customer: TestCustomer, query = "") =>
      (await api.get(`/store/customers/me/coupons${query}`, headersOf(customer))).data

    const claim = async (customer: TestCustomer | undefined, body: Record<string, unknown>) =>
      (await api.post("/store/customers/me/coupons", body, headersOf(customer))).data

    /** Every wallet entry and serial-code holder in the database, to prove a refusal wrote nothing. */
    const snapshot = async () => {
      const entries = await couponService().listCouponWalletEntries({}, { withDeleted: true, select: ["id", "state"] })
      const codes = await couponService().listCouponCodes({}, { select: ["code", "customer_id"] })
      return {
        entries: entries.map((e: any) => `${e.id}:${e.state}`).sort(),
        codes: codes.map((c: any) => `${c.code}:${c.customer_id}`).sort(),
      }
    }

    const holderOf = async (code: string) => (await couponService().listCouponCodes({ code }))[0].customer_id

    const timeTravel = (entryId: string, expiresAt: Date) =>
      couponService().updateCouponWalletEntries({ id: entryId, expires_at: expiresAt })

    const waitForWalletStatus = async (customer: TestCustomer, entryId: string, status: string) => {
      for (let i = 0; i < 60; i++) {
        const { coupons } = await wallet(customer, "?limit=100")
        const entry = coupons.find((c: any) => c.id === entryId)
        if (entry?.status === status) return entry
        await new Promise((res) => setTimeout(res, 100))
      }
      throw new Error(`wallet entry ${entryId} never became ${status}`)
    }

    describe("POST /admin/coupons/:id/assign", () => {
      it("gives a shared-code coupon to each customer and the wallet shows it field by field", async () => {
        const a = await createCustomer(getContainer())
        const b = await createCustomer(getContainer())
        const pct = await createCoupon({
          code: "WELCOME10",
          title: "Welcome 10%",
          description: "10% off up to $20 over $50",
          type: "percentage",
          percentage: 10,
          max_discount: 20,
          min_spend: 50,
          renewal_applicable: true,
          validity_days: 30,
        })
        const endsAt = new Date(Date.now() + 10 * DAY).toISOString()
        const fixed = await createCoupon({
          code: "SAVE25",
          title: "$25 off",
          type: "fixed",
          amount: 25,
          min_spend: 100,
          ends_at: endsAt,
          validity_days: 30,
        })
        const forever = await createCoupon({ code: "ALWAYS3", title: "$3 off", type: "fixed", amount: 3 })

        const before = Date.now()
        const entries = await assign(pct.id, [a.id, b.id])
        const after = Date.now()
        expect(entries).toHaveLength(2)
        expect(entries.map((e: any) => e.customer_id)).toEqual([a.id, b.id])
        for (const entry of entries) {
          expect(entry).toEqual({
            id: expect.stringMatching(/^cwal_/),
            coupon_id: pct.id,
            customer_id: entry.customer_id,
            code: "WELCOME10",
            coupon_code_id: null,
            source: "admin",
            state: "available",
            received_at: expect.any(String),
            expires_at: expect.any(String),
            used_at: null,
            order_id: null,
            campaign_id: null,
          })
          const received = new Date(entry.received_at).getTime()
          expect(received).toBeGreaterThanOrEqual(before - 5)
          expect(received).toBeLessThanOrEqual(after + 5)
          expect(new Date(entry.expires_at).getTime()).toBe(received + 30 * DAY)
        }
        const [fixedEntry] = await assign(fixed.id, [a.id])
        const [foreverEntry] = await assign(forever.id, [a.id])
        // validity_days would end after the coupon does: the coupon's end wins.
        expect(fixedEntry.expires_at).toBe(endsAt)
        expect(foreverEntry.expires_at).toBeNull()

        const listed = await wallet(a)
        expect(listed).toEqual({
          coupons: [
            {
              id: foreverEntry.id,
              coupon_id: forever.id,
              code: "ALWAYS3",
              title: "$3 off",
              description: null,
              type: "fixed",
              amount: 3,
              percentage: null,
              max_discount: null,
              min_spend: null,
              currency_code: "usd",
              renewal_applicable: false,
              target: "items",
              min_quantity: null,
              amounts: null,
              status: "unused",
              source: "admin",
              received_at: foreverEntry.received_at,
              expires_at: null,
              used_at: null,
              order_id: null,
              use_url: `${USE_URL}ALWAYS3`,
            },
            {
              id: fixedEntry.id,
              coupon_id: fixed.id,
              code: "SAVE25",
              title: "$25 off",
              description: null,
              type: "fixed",
              amount: 25,
              percentage: null,
              max_discount: null,
              min_spend: 100,
              currency_code: "usd",
              renewal_applicable: false,
              target: "items",
              min_quantity: null,
              amounts: null,
              status: "unused",
              source: "admin",
              received_at: fixedEntry.received_at,
              expires_at: endsAt,
              used_at: null,
              order_id: null,
              use_url: `${USE_URL}SAVE25`,
            },
            {
              id: entries[0].id,
              coupon_id: pct.id,
              code: "WELCOME10",
              title: "Welcome 10%",
              description: "10% off up to $20 over $50",
              type: "percentage",
              amount: null,
              percentage: 10,
              max_discount: 20,
              min_spend: 50,
              currency_code: "usd",
              renewal_applicable: true,
              target: "items",
              min_quantity: null,
              amounts: null,
              status: "unused",
              source: "admin",
              received_at: entries[0].received_at,
              expires_at: entries[0].expires_at,
              used_at: null,
              order_id: null,
              use_url: `${USE_URL}WELCOME10`,
            },
          ],
          counts: { expiring_soon: 0, unused: 3, used: 0, expired: 0 },
          count: 3,
          limit: 20,
          offset: 0,
        })
        const other = await wallet(b)
        expect(other.coupons.map((c: any) => c.id)).toEqual([entries[1].id])
        expect(other.counts).toEqual({ expiring_soon: 0, unused: 1, used: 0, expired: 0 })
      })

      it("reserves one free serial code per customer, never the same one twice, and refuses when too few are left", async () => {
        const serial = await createCoupon({ title: "Serial $5", type: "fixed", amount: 5 })
        const [c1, c2, c3, c4, c5, c6, c7, c8, other] = await Promise.all(
          Array.from({ length: 9 }, () => createCustomer(getContainer()))
        )
        await addSerials(serial.id, ["SER-A1", "SER-A2", "SER-A3", "SER-A4"])
        await addSerials(serial.id, ["SER-USED"], { usage_count: 1 })
        await addSerials(serial.id, ["SER-HELD"], { customer_id: other.id })

        // Three assignments at the same time: each gets its own code.
        const results = await Promise.all([c1, c2, c3].map((c) => assign(serial.id, [c.id])))
        const given = results.map(([entry]) => entry)
        expect(given.map((e: any) => e.customer_id)).toEqual([c1.id, c2.id, c3.id])
        const codes = given.map((e: any) => e.code)
        expect(new Set(codes).size).toBe(3)
        for (const e of given) {
          expect(["SER-A1", "SER-A2", "SER-A3", "SER-A4"]).toContain(e.code)
          expect(e.coupon_code_id).toMatch(/^ccode_/)
          expect(await holderOf(e.code)).toBe(e.customer_id)
        }
        const { coupons } = await wallet(c1)
        expect(coupons.map((c: any) => [c.code, c.status, c.use_url])).toEqual([
          [given[0].code, "unused", `${USE_URL}${given[0].code}`],
        ])

        // One free code left (SER-USED is used, SER-HELD is someone else's): two customers cannot have it.
        const before = await snapshot()
        expect(await refusal(assign(serial.id, [c4.id, c5.id]))).toEqual({
          status: 400,
          message: "Coupon Serial $5 has no free serial code left: 2 needed, 1 free.",
        })
        expect(await snapshot()).toEqual(before)

        const [last] = await assign(serial.id, [c4.id])
        expect(last.code).toBe(["SER-A1", "SER-A2", "SER-A3", "SER-A4"].find((code) => !codes.includes(code)))
        expect(await refusal(assign(serial.id, [c5.id]))).toEqual({
          status: 400,
          message: "Coupon Serial $5 has no free serial code left: 1 needed, 0 free.",
        })
        expect(await holderOf("SER-USED")).toBeNull()
        expect(await holderOf("SER-HELD")).toBe(other.id)

        // Three customers race for two new codes: two get one each, the third is refused.
        await addSerials(serial.id, ["SER-B1", "SER-B2"])
        const race = await Promise.allSettled([c5, c6, c7].map((c) => assign(serial.id, [c.id])))
        const won = race.filter((r) => r.status === "fulfilled").map((r: any) => r.value[0])
        const lost = race.filter((r) => r.status === "rejected").map((r: any) => r.reason.response)
        expect(won.map((e: any) => e.code).sort()).toEqual(["SER-B1", "SER-B2"])
        expect(lost.map((r: any) => [r.status, r.data.message])).toEqual([
          [400, "Coupon Serial $5 has no free serial code left: 1 needed, 0 free."],
        ])
        for (const e of won) expect(await holderOf(e.code)).toBe(e.customer_id)
        const entries = await couponService().listCouponWalletEntries({ coupon_id: serial.id })
        expect(entries).toHaveLength(6)

        // The reservation itself re-checks: a free code that another assignment
        // holds locked (the validation still counted it) is skipped, and the
        // grant is refused with nothing written.
        await addSerials(serial.id, ["SER-C1"])
        const beforeLocked = await snapshot()
        await dbConnection.transaction(async (trx: any) => {
          await trx.raw("SELECT id FROM coupon_code WHERE code = 'SER-C1' FOR UPDATE")
          expect(await refusal(assign(serial.id, [c8.id]))).toEqual({
            status: 400,
            message: "Coupon Serial $5 has no free serial code left: 1 needed, 0 free.",
          })
        })
        expect(await snapshot()).toEqual(beforeLocked)
        expect((await assign(serial.id, [c8.id]))[0].code).toBe("SER-C1")
      })

      it("refuses unknown, blocked or repeated customers, paused or ended coupons, and writes nothing", async () => {
        const a = await createCustomer(getContainer())
        const blocked = await createCustomer(getContainer())
        await api.post("/admin/coupon-blocklist", { customer_id: blocked.id, reason: "abuse" }, admin)
        const ok = await createCoupon({ code: "OK5", title: "t", type: "fixed", amount: 5 })
        const paused = await createCoupon({ code: "PAUSED5", title: "t", type: "fixed", amount: 5, is_active: false })
        const ended = await createCoupon({
          code: "ENDED5",
          title: "t",
          type: "fixed",
          amount: 5,
          starts_at: "2020-01-01T00:00:00Z",
          ends_at: "2020-02-01T00:00:00Z",
        })
        const empty = await createCoupon({ title: "No codes", type: "fixed", amount: 5 })
        await assign(ok.id, [a.id])
        const before = await snapshot()

        const cases: [() => Promise<unknown>, number, string][] = [
          [() => assign("coup_missing", [a.id]), 404, "Coupon with id: coup_missing was not found"],
          [() => assign(ok.id, [a.id, "cus_missing1", "cus_missing2"]), 404, "Customers not found: cus_missing1, cus_missing2."],
          [() => assign(ok.id, [blocked.id]), 400, `Customers blocked from coupons cannot receive them: ${blocked.id}.`],
          [() => assign(ok.id, [a.id, a.id]), 400, `Customers listed more than once: ${a.id}.`],
          [() => assign(ok.id, [a.id]), 400, `Coupon code OK5 is already in the wallet of: ${a.id}.`],
          [() => assign(paused.id, [a.id]), 400, "Coupon PAUSED5 is disabled: enable it before giving it to customers."],
          [
            () => assign(ended.id, [a.id]),
            400,
            "Coupon ENDED5 has expired (it ended on 2020-02-01): it can no longer be given to customers.",
          ],
          [() => assign(empty.id, [a.id]), 400, "Coupon No codes has no code to give: add a shared code or serial codes first."],
          [() => assign(ok.id, []), 400, "Invalid request: customer_ids must list at least one customer"],
          [
            () => api.post(`/admin/coupons/${ok.id}/assign`, { customer_ids: [a.id], extra: 1 }, admin),
            400,
            "Invalid request: unknown field: extra",
          ],
          [() => api.post(`/admin/coupons/${ok.id}/assign`, {}, admin), 400, "Invalid request: customer_ids is required"],
        ]
        for (const [request, status, message] of cases) {
          expect(await refusal(request())).toEqual({ status, message })
        }
        expect(await snapshot()).toEqual(before)
      })
    })

    describe("POST /store/customers/me/coupons (claim by code)", () => {
      it("claims a shared code and a free serial code, which is then reserved for the claimer", async () => {
        const a = await createCustomer(getContainer())
        const welcome = await createCoupon({
          code: "WELCOME10",
          title: "Welcome",
          type: "percentage",
          percentage: 10,
          validity_days: 14,
        })
        const serial = await createCoupon({ title: "Serial $7", type: "fixed", amount: 7 })
        await addSerials(serial.id, ["GIFT-7A", "GIFT-7B"])

        const before = Date.now()
        const { wallet_entry } = await claim(a, { code: " welcome10 " })
        expect(wallet_entry).toEqual({
          id: expect.stringMatching(/^cwal_/),
          coupon_id: welcome.id,
          code: "WELCOME10",
          title: "Welcome",
          description: null,
          type: "percentage",
          amount: null,
          percentage: 10,
          max_discount: null,
          min_spend: null,
          currency_code: "usd",
          renewal_applicable: false,
          target: "items",
          min_quantity: null,
          amounts: null,
          status: "unused",
          source: "claim",
          received_at: expect.any(String),
          expires_at: expect.any(String),
          used_at: null,
          order_id: null,
          use_url: `${USE_URL}WELCOME10`,
        })
        const received = new Date(wallet_entry.received_at).getTime()
        expect(received).toBeGreaterThanOrEqual(before - 5)
        expect(new Date(wallet_entry.expires_at).getTime()).toBe(received + 14 * DAY)

        const { wallet_entry: serialEntry } = await claim(a, { code: "gift-7b" })
        expect(serialEntry).toEqual(
          expect.objectContaining({ coupon_id: serial.id, code: "GIFT-7B", amount: 7, type: "fixed", expires_at: null })
        )
        expect(await holderOf("GIFT-7B")).toBe(a.id)
        expect(await holderOf("GIFT-7A")).toBeNull()

        const listed = await wallet(a)
        expect(listed.coupons.map((c: any) => [c.id, c.source])).toEqual([
          [serialEntry.id, "claim"],
          [wallet_entry.id, "claim"],
        ])
        expect(listed.counts).toEqual({ expiring_soon: 0, unused: 2, used: 0, expired: 0 })
      })

      it("refuses guests, unknown codes, codes already held, another customer's serial, used serials, paused or ended coupons and blocked customers, writing nothing", async () => {
        const a = await createCustomer(getContainer())
        const other = await createCustomer(getContainer())
        const blocked = await createCustomer(getContainer())
        await createCoupon({ code: "WELCOME10", title: "t", type: "percentage", percentage: 10 })
        const serial = await createCoupon({ title: "Serial", type: "fixed", amount: 5 })
        await addSerials(serial.id, ["HELD-1"], { customer_id: other.id })
        await addSerials(serial.id, ["USED-1"], { usage_count: 1 })
        await createCoupon({ code: "PAUSED5", title: "t", type: "fixed", amount: 5, is_active: false })
        await createCoupon({
          code: "ENDED5",
          title: "t",
          type: "fixed",
          amount: 5,
          starts_at: "2020-01-01T00:00:00Z",
          ends_at: "2020-02-01T00:00:00Z",
        })
        await claim(a, { code: "WELCOME10" })
        await api.post("/admin/coupon-blocklist", { customer_id: blocked.id, reason: "abuse" }, admin)
        const before = await snapshot()

        expect((await refusal(claim(undefined, { code: "WELCOME10" }))).status).toBe(401)
        const cases: [TestCustomer, Record<string, unknown>, number, string][] = [
          [a, { code: "NOPE123" }, 404, "Coupon code NOPE123 does not exist."],
          [a, { code: "welcome10" }, 400, "Coupon code WELCOME10 is already in your wallet."],
          [a, { code: "HELD-1" }, 400, "Coupon code HELD-1 belongs to another customer's wallet; coupons cannot be transferred."],
          [a, { code: "USED-1" }, 400, "Coupon code USED-1 has already been used."],
          [a, { code: "PAUSED5" }, 400, "Coupon PAUSED5 is disabled: enable it before giving it to customers."],
          [a, { code: "ENDED5" }, 400, "Coupon ENDED5 has expired (it ended on 2020-02-01): it can no longer be given to customers."],
          [blocked, { code: "WELCOME10" }, 400, `Customers blocked from coupons cannot receive them: ${blocked.id}.`],
          [a, {}, 400, "Invalid request: code is required"],
          [a, { code: "BAD CODE" }, 400, "Invalid request: code may contain only letters, digits, '-' and '_' (no spaces)"],
        ]
        for (const [customer, body, status, message] of cases) {
          expect(await refusal(claim(customer, body))).toEqual({ status, message })
        }
        expect(await snapshot()).toEqual(before)
        expect(await holderOf("HELD-1")).toBe(other.id)
      })

      it("keeps one entry when the same customer claims a shared code eight times at once", async () => {
        const a = await createCustomer(getContainer())
        await createCoupon({ code: "TWICE10", title: "t", type: "percentage", percentage: 10 })

        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => claim(a, { code: "TWICE10" })))

        expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1)
        for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected")) {
          expect(await refusal(Promise.reject(outcome.reason))).toEqual({
            status: 400,
            message: "Coupon code TWICE10 is already in your wallet.",
          })
        }
        const { coupons, count } = await wallet(a)
        expect(count).toBe(1)
        expect(coupons.map((c: any) => c.code)).toEqual(["TWICE10"])
      })

      it("counts unknown codes as guesses: after 10 the claim answers 429 with Retry-After", async () => {
        const a = await createCustomer(getContainer())
        await createCoupon({ code: "REAL5", title: "t", type: "fixed", amount: 5, is_active: false })
        // A real code refused by a rule is not a guess.
        expect((await refusal(claim(a, { code: "REAL5" }))).status).toBe(400)
        for (let i = 0; i < 10; i++) {
          expect(await refusal(claim(a, { code: `GUESS${i}` }))).toEqual({ status: 404, message: `Coupon code GUESS${i} does not exist.` })
        }
        const error: any = await claim(a, { code: "GUESS10" }).catch((e) => e)
        expect(error.response.status).toBe(429)
        expect(Number(error.response.headers["retry-after"])).toBeGreaterThan(0)
        expect(error.response.data.message).toMatch(/^Too many attempts with unknown coupon codes\. Try again in \d+ seconds\.$/)
        // Another customer is not held back.
        expect((await refusal(claim(await createCustomer(getContainer()), { code: "GUESS11" }))).status).toBe(404)
      })
    })

    describe("GET /store/customers/me/coupons", () => {
      it("counts every status in SQL, filters by status and pages", async () => {
        const a = await createCustomer(getContainer())
        const shop = storefront(api, store, a.token)
        // Received in this order, so listed newest first: SPENT, (GONE,) SHORT, ENDING, OLD, SOON, KEEP.
        const keep = await createCoupon({ code: "KEEP", title: "Keep", type: "fixed", amount: 1 })
        const soon = await createCoupon({ code: "SOON", title: "Soon", type: "fixed", amount: 2, validity_days: 3 })
        const old = await createCoupon({ code: "OLD", title: "Old", type: "fixed", amount: 3, validity_days: 30 })
        const ending = await createCoupon({ code: "ENDING", title: "Ending", type: "fixed", amount: 4 })
        const short = await createCoupon({
          code: "SHORT",
          title: "Short",
          type: "fixed",
          amount: 6,
          validity_days: 30,
          ends_at: new Date(Date.now() + 20 * DAY).toISOString(),
        })
        const gone = await createCoupon({ code: "GONE", title: "Gone", type: "fixed", amount: 7 })
        const spent = await createCoupon({ code: "SPENT", title: "Spent", type: "fixed", amount: 5 })
        const [keepEntry] = await assign(keep.id, [a.id])
        const [soonEntry] = await assign(soon.id, [a.id])
        const [oldEntry] = await assign(old.id, [a.id])
        const [endingEntry] = await assign(ending.id, [a.id])
        const [shortEntry] = await assign(short.id, [a.id])
        await assign(gone.id, [a.id])
        const { wallet_entry: spentEntry } = await claim(a, { code: "SPENT" })

        // Expired by time: its expiry moved into the past.
        await timeTravel(oldEntry.id, new Date(Date.now() - DAY))
        // Expired because the coupon ended early (the entry itself has no expiry).
        const endedAt = new Date(Date.now() - 60_000).toISOString()
        await api.post(`/admin/coupons/${ending.id}`, { starts_at: "2020-01-01T00:00:00Z", ends_at: endedAt }, admin)
        // Expiring soon because the coupon now ends in 36 hours (the entry itself runs 20 days).
        const shortEndsAt = new Date(Date.now() + 36 * 3600 * 1000).toISOString()
        await api.post(`/admin/coupons/${short.id}`, { ends_at: shortEndsAt }, admin)
        // A deleted coupon leaves the wallet.
        await api.delete(`/admin/coupons/${gone.id}`, admin)
        // Used by a real order.
        const cart = await shop.createCart([["tee", 1]])
        expect(cart.customer_id).toBe(a.id)
        await shop.applyCoupon(cart.id, "SPENT")
        expect((await shop.complete(cart.id)).type).toBe("order")
        await waitForWalletStatus(a, spentEntry.id, "used")
        // A used entry stays used when its coupon ends afterwards.
        await api.post(`/admin/coupons/${spent.id}`, { starts_at: "2020-01-01T00:00:00Z", ends_at: endedAt }, admin)

        const all = await wallet(a)
        expect(all.counts).toEqual({ expiring_soon: 2, unused: 3, used: 1, expired: 2 })
        expect(all.count).toBe(6)
        expect(all.coupons.map((c: any) => [c.code, c.status])).toEqual([
          ["SPENT", "used"],
          ["SHORT", "expiring_soon"],
          ["ENDING", "expired"],
          ["OLD", "expired"],
          ["SOON", "expiring_soon"],
          ["KEEP", "unused"],
        ])
        // An entry's expiry is the earlier of its own and the coupon's end.
        expect(all.coupons[1].expires_at).toBe(shortEndsAt)
        expect(all.coupons[2].expires_at).toBe(endedAt)
        expect(all.coupons[4].expires_at).toBe(soonEntry.expires_at)

        const byStatus = async (status: string) => {
          const page = await wallet(a, `?status=${status}`)
          expect(page.counts).toEqual(all.counts)
          return [page.count, page.coupons.map((c: any) => c.id)]
        }
        expect(await byStatus("unused")).toEqual([3, [shortEntry.id, soonEntry.id, keepEntry.id]])
        expect(await byStatus("expiring_soon")).toEqual([2, [shortEntry.id, soonEntry.id]])
        expect(await byStatus("expired")).toEqual([2, [endingEntry.id, oldEntry.id]])
        expect(await byStatus("used")).toEqual([1, [spentEntry.id]])

        const ids = all.coupons.map((c: any) => c.id)
        for (const offset of [0, 4]) {
          const page = await wallet(a, `?limit=4&offset=${offset}`)
          expect([page.count, page.limit, page.offset]).toEqual([6, 4, offset])
          expect(page.coupons.map((c: any) => c.id)).toEqual(ids.slice(offset, offset + 4))
        }
        const unusedPage = await wallet(a, "?status=unused&limit=1&offset=2")
        expect([unusedPage.count, unusedPage.coupons.map((c: any) => c.id)]).toEqual([3, [keepEntry.id]])

        // The expiring-soon window is the store setting: 2 days no longer catches SOON (3 days).
        await api.post("/admin/coupon-settings", { expiring_soon_days: 2 }, admin)
        const narrow = await wallet(a, "?status=expiring_soon")
        expect(narrow.counts).toEqual({ expiring_soon: 1, unused: 3, used: 1, expired: 2 })
        expect(narrow.coupons.map((c: any) => c.id)).toEqual([shortEntry.id])

        const empty = await wallet(await createCustomer(getContainer()))
        expect(empty).toEqual({
          coupons: [],
          counts: { expiring_soon: 0, unused: 0, used: 0, expired: 0 },
          count: 0,
          limit: 20,
          offset: 0,
        })
      })

      it("refuses guests and bad queries", async () => {
        const a = await createCustomer(getContainer())
        expect((await refusal(api.get("/store/customers/me/coupons", headersOf()))).status).toBe(401)
        const answers: Record<string, unknown> = {}
        for (const query of ["?status=bogus", "?limit=0", "?limit=101", "?offset=-1", "?limit=abc"]) {
          answers[query] = await refusal(wallet(a, query))
        }
        expect(answers).toEqual({
          "?status=bogus": {
            status: 400,
            message: "Invalid request: Expected: 'unused, used, expired, expiring_soon' for field 'status', but got: 'bogus'",
          },
          "?limit=0": { status: 400, message: "Invalid request: Value for field 'limit' too small, expected at least: '1'" },
          "?limit=101": { status: 400, message: "Invalid request: Value for field 'limit' too big, expected at most: '100'" },
          "?offset=-1": { status: 400, message: "Invalid request: Value for field 'offset' too small, expected at least: '0'" },
          "?limit=abc": { status: 400, message: "Invalid request: Expected type: 'number' for field 'limit', got: 'abc'" },
        })
      })
    })

    describe("a wallet serial at checkout", () => {
      it("works only for its holder", async () => {
        const holder = await createCustomer(getContainer())
        const other = await createCustomer(getContainer())
        const serial = await createCoupon({ title: "Serial $5", type: "fixed", amount: 5 })
        await addSerials(serial.id, ["ONLY-MINE"])
        const [entry] = await assign(serial.id, [holder.id])
        expect(entry.code).toBe("ONLY-MINE")

        const notTransferable = "Coupon code ONLY-MINE belongs to another customer's wallet; coupons cannot be transferred."
        const otherShop = storefront(api, store, other.token)
        const otherCart = await otherShop.createCart([["tee", 1]])
        expect(await refusal(otherShop.applyCoupon(otherCart.id, "ONLY-MINE"))).toEqual({ status: 400, message: notTransferable })
        const guestShop = storefront(api, store)
        const guestCart = await guestShop.createCart([["tee", 1]])
        expect(await refusal(guestShop.applyCoupon(guestCart.id, "ONLY-MINE"))).toEqual({ status: 400, message: notTransferable })
        expect(await refusal(claim(other, { code: "ONLY-MINE" }))).toEqual({ status: 400, message: notTransferable })

        const holderShop = storefront(api, store, holder.token)
        const cart = await holderShop.createCart([["tee", 2]])
        const { coupon } = await holderShop.applyCoupon(cart.id, "only-mine")
        expect(coupon.discount_total).toBe(5)
      })

      it("stops working when its wallet entry expires, while the coupon itself runs on", async () => {
        const holder = await createCustomer(getContainer())
        const serial = await createCoupon({ title: "Serial $5", type: "fixed", amount: 5, validity_days: 7 })
        await addSerials(serial.id, ["SEVEN-DAYS"])
        const [entry] = await assign(serial.id, [holder.id])
        const shop = storefront(api, store, holder.token)
        const cart = await shop.createCart([["tee", 1]])
        expect((await shop.applyCoupon(cart.id, "SEVEN-DAYS")).coupon.discount_total).toBe(5)
        await shop.removeCoupon(cart.id)

        const lapsed = new Date(Date.now() - DAY)
        await timeTravel(entry.id, lapsed)
        expect(await refusal(shop.applyCoupon(cart.id, "SEVEN-DAYS"))).toEqual({
          status: 400,
          message: `Coupon code SEVEN-DAYS has expired: it was valid in your wallet until ${lapsed.toISOString().slice(0, 10)}.`,
        })
        // Nothing written: the cart carries no coupon and no discount.
        expect(await shop.getCoupon(cart.id)).toEqual({ coupon: null })
        expect((await shop.getCart(cart.id)).discount_total).toBe(0)
      })
    })

    describe("using and voiding wallet coupons", () => {
      it("an order with a wallet code marks that entry used; blocking the customer then voids only unused entries", async () => {
        const a = await createCustomer(getContainer())
        const shop = storefront(api, store, a.token)
        const serial = await createCoupon({ title: "Serial $10", type: "fixed", amount: 10 })
        await addSerials(serial.id, ["TEN-OFF"])
        const five = await createCoupon({ code: "FIVE", title: "Five", type: "fixed", amount: 5 })
        const [serialEntry] = await assign(serial.id, [a.id])
        const [fiveEntry] = await assign(five.id, [a.id])
        const soonToExpire = await createCoupon({ code: "LAPSED", title: "Lapsed", type: "fixed", amount: 1, validity_days: 5 })
        const [lapsedEntry] = await assign(soonToExpire.id, [a.id])
        await timeTravel(lapsedEntry.id, new Date(Date.now() - DAY))

        const cart = await shop.createCart([["hoodie", 1]])
        await shop.applyCoupon(cart.id, "TEN-OFF")
        const before = Date.now()
        const completed = await shop.complete(cart.id)
        expect(completed.type).toBe("order")
        const used = await waitForWalletStatus(a, serialEntry.id, "used")
        expect(used.order_id).toBe(completed.order.id)
        expect(new Date(used.used_at).getTime()).toBeGreaterThanOrEqual(before - 1000)
        expect((await wallet(a)).counts).toEqual({ expiring_soon: 0, unused: 1, used: 1, expired: 1 })
        // The other entries are untouched.
        const [fiveRow] = await couponService().listCouponWalletEntries({ id: fiveEntry.id })
        expect([fiveRow.state, fiveRow.used_at, fiveRow.order_id]).toEqual(["available", null, null])

        await api.post("/admin/coupon-blocklist", { customer_id: a.id, reason: "resold coupons" }, admin)
        const afterBlock = await wallet(a)
        expect(afterBlock.coupons.map((c: any) => [c.id, c.status])).toEqual([[serialEntry.id, "used"]])
        expect(afterBlock.counts).toEqual({ expiring_soon: 0, unused: 0, used: 1, expired: 0 })
        const states = await couponService().listCouponWalletEntries({ customer_id: a.id }, { select: ["id", "state"] })
        expect(Object.fromEntries(states.map((e: any) => [e.id, e.state]))).toEqual({
          [serialEntry.id]: "used",
          [fiveEntry.id]: "voided",
          [lapsedEntry.id]: "voided",
        })
      })
    })

    describe("giving a use back", () => {
      afterEach(async () => {
        await api.post("/admin/coupon-settings", { restore_usage_on_cancel: false }, admin)
      })

      it("a canceled order whose use is given back (restore_usage_on_cancel) returns its wallet coupon, usable again", async () => {
        await api.post("/admin/coupon-settings", { restore_usage_on_cancel: true }, admin)
        const a = await createCustomer(getContainer())
        const shop = storefront(api, store, a.token)
        const serial = await createCoupon({ title: "Serial $10", type: "fixed", amount: 10 })
        await addSerials(serial.id, ["COMES-BACK"])
        const [entry] = await assign(serial.id, [a.id])

        const cart = await shop.createCart([["hoodie", 1]])
        await shop.applyCoupon(cart.id, "COMES-BACK")
        const { order } = await shop.complete(cart.id)
        await waitForWalletStatus(a, entry.id, "used")

        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        const back = await waitForWalletStatus(a, entry.id, "unused")
        expect([back.used_at, back.order_id]).toEqual([null, null])
        expect((await wallet(a)).counts).toEqual({ expiring_soon: 0, unused: 1, used: 0, expired: 0 })

        const again = await shop.createCart([["hoodie", 1]])
        expect((await shop.applyCoupon(again.id, "COMES-BACK")).coupon.discount_total).toBe(10)
      })
    })

    describe("the best wallet coupon for a cart", () => {
      it("POST /store/carts/:id/coupon {} picks the highest discount (ties: expiring first); the shopper can replace it; coupon-options explains the rest", async () => {
        const a = await createCustomer(getContainer())
        const shop = storefront(api, store, a.token)
        const coupons = [
          await createCoupon({ code: "FIVE", title: "Five off", type: "fixed", amount: 5 }),
          await createCoupon({ code: "TENPCT", title: "10% off", type: "percentage", percentage: 10 }),
          await createCoupon({ code: "TEN", title: "Ten off", type: "fixed", amount: 10, validity_days: 20 }),
          await createCoupon({ code: "BIG", title: "Big", type: "fixed", amount: 50, min_spend: 500 }),
          await createCoupon({ code: "EURO5", title: "Euro", type: "fixed", amount: 5, currency_code: "eur" }),
          await createCoupon({ code: "GONE", title: "Gone", type: "fixed", amount: 40, validity_days: 10 }),
        ]
        for (const c of coupons) await assign(c.id, [a.id])
        const gone = (await wallet(a)).coupons.find((c: any) => c.code === "GONE")
        await timeTravel(gone.id, new Date(Date.now() - DAY))

        // Eligible subtotal $100: TEN and TENPCT both give $10; TEN expires first.
        const cart = await shop.createCart([["hoodie", 1], ["tee", 4]])
        const { data: options } = await api.get(`/store/carts/${cart.id}/coupon-options`, headersOf(a))
        const tenExpiry = (await wallet(a)).coupons.find((c: any) => c.code === "TEN").expires_at
        expect(options).toEqual({
          options: [
            { code: "TEN", title: "Ten off", discount_total: 10, eligible: true, expires_at: tenExpiry },
            { code: "TENPCT", title: "10% off", discount_total: 10, eligible: true, expires_at: null },
            { code: "FIVE", title: "Five off", discount_total: 5, eligible: true, expires_at: null },
            {
              code: "BIG",
              title: "Big",
              discount_total: 0,
              eligible: false,
              reason:
                "Minimum spend not met for coupon BIG: add 400.00 USD more of eligible items (minimum 500.00 USD, eligible now 100.00 USD).",
              reason_code: "min_spend_not_met",
              reason_details: { currency_code: "usd", missing_amount: 400, min_spend: 500, eligible_subtotal: 100 },
              expires_at: null,
            },
            {
              code: "EURO5",
              title: "Euro",
              discount_total: 0,
              eligible: false,
              reason: "Coupon EURO5 is for EUR orders; this cart is in USD.",
              reason_code: "currency_not_covered",
              reason_details: { currencies: ["eur"] },
              expires_at: null,
            },
          ],
        })

        const picked = (await api.post(`/store/carts/${cart.id}/coupon`, {}, headersOf(a))).data
        expect(picked.coupon).toEqual(
          expect.objectContaining({ code: "TEN", title: "Ten off", discount_total: 10 })
        )
        expect(picked.cart.discount_total).toBe(10)
        expect(picked.cart.total).toBe(90)

        const replaced = await shop.applyCoupon(cart.id, "FIVE")
        expect(replaced.coupon.code).toBe("FIVE")
        expect(replaced.cart.discount_total).toBe(5)
        expect(lineOf(replaced.cart, store, "hoodie").adjustments.reduce((s: number, x: any) => s + x.amount, 0)).toBe(2.5)
        expect((await shop.getCoupon(cart.id)).coupon.code).toBe("FIVE")
      })

      it("refuses guests, other customers' carts, and wallets with nothing that applies, saying why", async () => {
        const a = await createCustomer(getContainer())
        const b = await createCustomer(getContainer())
        const empty = await createCustomer(getContainer())
        const big = await createCoupon({ code: "BIG", title: "Big", type: "fixed", amount: 50, min_spend: 500 })
        const euro = await createCoupon({ code: "EURO5", title: "Euro", type: "fixed", amount: 5, currency_code: "eur" })
        await assign(big.id, [a.id])
        await assign(euro.id, [a.id])

        const guestCart = await storefront(api, store).createCart([["tee", 1]])
        expect(await refusal(api.post(`/store/carts/${guestCart.id}/coupon`, {}, headersOf()))).toEqual({
          status: 400,
          message: "Log in to use a coupon from your wallet (a guest has no wallet), or send a code.",
        })
        expect((await refusal(api.get(`/store/carts/${guestCart.id}/coupon-options`, headersOf()))).status).toBe(401)

        const cartOfA = await storefront(api, store, a.token).createCart([["tee", 1]])
        expect(await refusal(api.post(`/store/carts/${cartOfA.id}/coupon`, {}, headersOf(a)))).toEqual({
          status: 400,
          message:
            "No coupon in your wallet applies to this cart: " +
            "BIG: Minimum spend not met for coupon BIG: add 490.00 USD more of eligible items (minimum 500.00 USD, eligible now 10.00 USD). " +
            "EURO5: Coupon EURO5 is for EUR orders; this cart is in USD.",
        })
        const notYours = `Cart ${cartOfA.id} is not the logged-in customer's cart: set its customer (POST /store/carts/${cartOfA.id}/customer) first.`
        expect(await refusal(api.post(`/store/carts/${cartOfA.id}/coupon`, {}, headersOf(b)))).toEqual({
          status: 400,
          message: notYours,
        })
        expect(await refusal(api.get(`/store/carts/${cartOfA.id}/coupon-options`, headersOf(b)))).toEqual({
          status: 400,
          message: notYours,
        })

        const cartOfEmpty = await storefront(api, store, empty.token).createCart([["tee", 1]])
        expect(await refusal(api.post(`/store/carts/${cartOfEmpty.id}/coupon`, {}, headersOf(empty)))).toEqual({
          status: 400,
          message: "Your wallet has no unused coupon to apply.",
        })
        expect((await api.get(`/store/carts/${cartOfEmpty.id}/coupon-options`, headersOf(empty))).data).toEqual({ options: [] })
        // Nothing was put on the carts.
        expect((await storefront(api, store, a.token).getCoupon(cartOfA.id)).coupon).toBeNull()
      })
    })
  },
})
