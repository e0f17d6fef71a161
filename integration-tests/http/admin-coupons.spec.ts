import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"

jest.setTimeout(120 * 1000)

const base = {
  code: "WELCOME10",
  title: "December New User Promotion",
  description: "$25 off orders over $100",
  type: "fixed",
  amount: 25,
  currency_code: "usd",
  min_spend: 100,
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      ;({ headers } = await createAdminHeaders(getContainer()))
    })

    const create = (body: Record<string, unknown>) =>
      api.post("/admin/coupons", body, { headers })

    const couponCount = async () => {
      const coupons = await getContainer().resolve<any>("coupon").listCoupons({}, { withDeleted: true })
      return coupons.length
    }

    describe("POST /admin/coupons", () => {
      it("creates a fixed coupon with every field and returns it in major units", async () => {
        const { status, data } = await create({
          ...base,
          code: "welcome10",
          starts_at: "2026-01-01T00:00:00.000Z",
          ends_at: "2099-01-01T00:00:00.000Z",
          usage_limit: 100,
          usage_limit_per_customer: 1,
          first_order_only: true,
          exclude_sale_items: true,
          renewal_applicable: false,
          allocation: "proportional",
          validity_days: 30,
        })
        expect(status).toBe(200)
        expect(data.coupon).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^coup_/),
            code: "WELCOME10",
            type: "fixed",
            amount: 25,
            currency_code: "usd",
            min_spend: 100,
            usage_limit: 100,
            usage_limit_per_customer: 1,
            usage_count: 0,
            first_order_only: true,
            allocation: "proportional",
            validity_days: 30,
            status: "active",
          })
        )
      })

      it("creates a percentage coupon with a cap", async () => {
        const { data } = await create({
          code: "TWENTY",
          title: "20% off, at most $300",
          type: "percentage",
          percentage: 20,
          max_discount: 300,
          currency_code: "usd",
        })
        expect(data.coupon).toEqual(
          expect.objectContaining({ percentage: 20, max_discount: 300, amount: null, allocation: "even" })
        )
      })

      it("accepts products and categories that exist", async () => {
        const productModule = getContainer().resolve(Modules.PRODUCT)
        const [product] = await productModule.createProducts([{ title: "Mug" }])
        const [category] = await productModule.createProductCategories([{ name: "Home" }])
        const { data } = await create({
          ...base,
          code: "HOME5",
          product_ids: [product.id],
          category_ids: [category.id],
        })
        expect(data.coupon.product_ids).toEqual([product.id])
        expect(data.coupon.category_ids).toEqual([category.id])
      })

      const badInputs: [string, Record<string, unknown>, RegExp][] = [
        ["percentage of 0", { ...base, type: "percentage", amount: undefined, percentage: 0 }, /percentage must be above 0 and at most 100; got 0/],
        ["percentage above 100", { ...base, type: "percentage", amount: undefined, percentage: 100.5 }, /percentage must be above 0 and at most 100; got 100.5/],
        ["negative percentage", { ...base, type: "percentage", amount: undefined, percentage: -5 }, /percentage must be above 0 and at most 100/],
        ["percentage coupon without percentage", { ...base, type: "percentage", amount: undefined }, /percentage is required for a percentage coupon/],
        ["fixed without amount", { ...base, amount: undefined }, /amount is required for a fixed coupon/],
        ["fixed with zero amount", { ...base, amount: 0 }, /amount is required for a fixed coupon and must be above 0/],
        ["fixed without currency", { ...base, currency_code: undefined, min_spend: undefined }, /currency_code is required for a fixed coupon/],
        ["max_discount on a fixed coupon", { ...base, max_discount: 10 }, /max_discount caps percentage coupons only/],
        ["percentage with a cap but no currency", { code: "P1", title: "p", type: "percentage", percentage: 10, max_discount: 5 }, /currency_code is required when max_discount is set/],
        ["ends_at before starts_at", { ...base, starts_at: "2026-06-01T00:00:00Z", ends_at: "2026-05-01T00:00:00Z" }, /ends_at must be after starts_at/],
        ["ends_at equal to starts_at", { ...base, starts_at: "2026-06-01T00:00:00Z", ends_at: "2026-06-01T00:00:00Z" }, /ends_at must be after starts_at/],
        ["negative amount", { ...base, amount: -5 }, /amount cannot be negative/],
        ["negative min_spend", { ...base, min_spend: -1 }, /min_spend cannot be negative/],
        ["negative max_discount", { ...base, type: "percentage", amount: undefined, percentage: 10, max_discount: -3 }, /max_discount cannot be negative/],
        ["code longer than 16 characters", { ...base, code: "ABCDEFGHIJKLMNOPQ" }, /code must be at most 16 characters/],
        ["code with a space", { ...base, code: "SAVE 10" }, /code may contain only letters, digits, '-' and '_' \(no spaces\)/],
        ["unknown product id", { ...base, product_ids: ["prod_missing"] }, /product_ids contains unknown products: prod_missing/],
        ["unknown category id", { ...base, category_ids: ["pcat_missing"] }, /category_ids contains unknown categories: pcat_missing/],
        ["usage_limit of 0", { ...base, usage_limit: 0 }, /usage_limit must be at least 1/],
        ["usage_limit_per_customer of 0", { ...base, usage_limit_per_customer: 0 }, /usage_limit_per_customer must be at least 1/],
        ["fractional usage_limit", { ...base, usage_limit: 2.5 }, /usage_limit must be a whole number/],
        ["validity_days of 0", { ...base, validity_days: 0 }, /validity_days must be at least 1/],
        ["unknown type", { ...base, type: "bogo" }, /type must be 'fixed' or 'percentage'/],
        ["unknown allocation", { ...base, allocation: "random" }, /allocation must be 'even' or 'proportional'/],
        ["missing title", { ...base, title: undefined }, /^Invalid request: title is required$/],
        ["malformed currency", { ...base, currency_code: "dollars" }, /currency_code must be a 3-letter ISO 4217 code/],
        ["unknown field", { ...base, discount: 5 }, /^Invalid request: unknown field: discount$/],
        ["amount as text", { ...base, amount: "25" }, /amount must be a number/],
      ]

      it.each(badInputs)("refuses %s with a 400 and writes nothing", async (_name, body, message) => {
        const error = await create(body).catch((e) => e)
        expect(error.response?.status).toBe(400)
        expect(error.response.data.message).toMatch(message)
        expect(await couponCount()).toBe(0)
      })

      it("refuses a duplicate code in any case with a 400 and writes nothing", async () => {
        await create(base)
        const error = await create({ ...base, code: "Welcome10", title: "copy" }).catch((e) => e)
        expect(error.response.status).toBe(400)
        expect(error.response.data.message).toMatch(
          /Code WELCOME10 is already used by coupon "December New User Promotion"/
        )
        expect(await couponCount()).toBe(1)
      })

      it("names the field at fault as data (code invalid_data, details.field), whatever the message says", async () => {
        const cases: [Record<string, unknown>, string][] = [
          [{ ...base, starts_at: "2026-06-01T00:00:00Z", ends_at: "2026-05-01T00:00:00Z" }, "ends_at"],
          [{ ...base, currency_code: undefined, min_spend: undefined }, "currency_code"],
          [{ ...base, max_discount: 10 }, "max_discount"],
          [{ ...base, product_ids: ["prod_missing"] }, "product_ids"],
          [{ ...base, currency_code: undefined, amount: undefined, amounts: [{ currency_code: "usd" }] }, "amounts"],
        ]
        for (const [body, field] of cases) {
          const error = await create(body).catch((e) => e)
          expect(error.response?.status).toBe(400)
          expect(error.response.data).toMatchObject({ type: "invalid_data", code: "invalid_data", details: { field } })
        }
        await create(base)
        const taken = await create({ ...base, title: "copy" }).catch((e) => e)
        expect(taken.response.data).toMatchObject({ code: "invalid_data", details: { field: "code" } })
        expect(await couponCount()).toBe(1)
      })

      it("frees a deleted coupon's code", async () => {
        const { data } = await create(base)
        await api.delete(`/admin/coupons/${data.coupon.id}`, { headers })
        const again = await create(base)
        expect(again.data.coupon.code).toBe("WELCOME10")
      })

      describe("on the basic plan", () => {
        beforeEach(async () => {
          await api.post("/admin/coupon-settings", { plan: "basic" }, { headers })
        })

        it.each([
          ["first_order_only", { first_order_only: true }],
          ["usage_limit", { usage_limit: 5 }],
          ["usage_limit_per_customer", { usage_limit_per_customer: 1 }],
          ["category_ids", { category_ids: ["pcat_any"] }],
        ])("refuses %s", async (field, extra) => {
          const error = await create({ ...base, ...extra }).catch((e) => e)
          expect(error.response.status).toBe(400)
          expect(error.response.data.message).toBe(
            `${field} is a restriction/usage field, which the basic coupon plan does not allow. ` +
              "Switch the plan to 'advanced' in coupon settings, or leave the field empty."
          )
          expect(await couponCount()).toBe(0)
        })

        it("allows the general fields", async () => {
          const { status } = await create({ ...base, exclude_sale_items: true, starts_at: "2026-01-01T00:00:00Z" })
          expect(status).toBe(200)
        })
      })
    })

    describe("POST /admin/coupons/:id", () => {
      it("updates a subset of fields, judging the merged coupon", async () => {
        const { data } = await create(base)
        const id = data.coupon.id
        const updated = await api.post(`/admin/coupons/${id}`, { amount: 30, code: "save30" }, { headers })
        expect(updated.data.coupon).toEqual(expect.objectContaining({ amount: 30, code: "SAVE30", min_spend: 100 }))

        const error = await api
          .post(`/admin/coupons/${id}`, { type: "percentage", percentage: 10 }, { headers })
          .catch((e) => e)
        expect(error.response.status).toBe(400)
        expect(error.response.data.message).toMatch(/amount applies to fixed coupons only/)
        const unchanged = await api.get(`/admin/coupons/${id}`, { headers })
        expect(unchanged.data.coupon).toEqual(expect.objectContaining({ type: "fixed", amount: 30, percentage: null }))

        const switched = await api.post(
          `/admin/coupons/${id}`,
          { type: "percentage", percentage: 10, amount: null },
          { headers }
        )
        expect(switched.data.coupon).toEqual(expect.objectContaining({ type: "percentage", percentage: 10, amount: null }))
      })

      it("refuses to take another coupon's code", async () => {
        await create(base)
        const { data } = await create({ ...base, code: "OTHER" })
        const error = await api.post(`/admin/coupons/${data.coupon.id}`, { code: "welcome10" }, { headers }).catch((e) => e)
        expect(error.response.status).toBe(400)
        expect(error.response.data.message).toMatch(/Code WELCOME10 is already used/)
        const { data: after } = await api.get(`/admin/coupons/${data.coupon.id}`, { headers })
        expect(after.coupon.code).toBe("OTHER")
      })

      it("answers 404 for an unknown coupon", async () => {
        const error = await api.get(`/admin/coupons/coup_missing`, { headers }).catch((e) => e)
        expect(error.response.status).toBe(404)
        expect(error.response.data.message).toBe("Coupon with id coup_missing was not found.")
      })
    })

    describe("GET /admin/coupons", () => {
      beforeEach(async () => {
        const day = 24 * 3600 * 1000
        await create({ ...base, code: "ACTIVE1", title: "Spring sale" })
        await create({ ...base, code: "LATER", title: "Summer sale", starts_at: new Date(Date.now() + 10 * day).toISOString() })
        await create({ ...base, code: "OLD", title: "Winter sale", starts_at: new Date(Date.now() - 10 * day).toISOString(), ends_at: new Date(Date.now() - day).toISOString() })
        await create({ ...base, code: "PAUSED", title: "Paused sale", is_active: false })
      })

      it.each([
        ["active", ["ACTIVE1"]],
        ["scheduled", ["LATER"]],
        ["expired", ["OLD"]],
        ["disabled", ["PAUSED"]],
      ])("filters status=%s", async (status, codes) => {
        const { data } = await api.get(`/admin/coupons?status=${status}`, { headers })
        expect(data.coupons.map((c) => c.code)).toEqual(codes)
        expect(data.coupons.every((c) => c.status === status)).toBe(true)
        expect(data.count).toBe(codes.length)
      })

      it("searches code or title with q, case-insensitively", async () => {
        const byTitle = await api.get(`/admin/coupons?q=summer`, { headers })
        expect(byTitle.data.coupons.map((c) => c.code)).toEqual(["LATER"])
        const byCode = await api.get(`/admin/coupons?q=paus`, { headers })
        expect(byCode.data.coupons.map((c) => c.code)).toEqual(["PAUSED"])
      })

      it("paginates and orders, with usage_count on every coupon", async () => {
        const page = await api.get(`/admin/coupons?order=code&limit=2&offset=1`, { headers })
        expect(page.data).toEqual(
          expect.objectContaining({ count: 4, limit: 2, offset: 1 })
        )
        expect(page.data.coupons.map((c) => c.code)).toEqual(["LATER", "OLD"])
        expect(page.data.coupons.every((c) => c.usage_count === 0)).toBe(true)
        const desc = await api.get(`/admin/coupons?order=-code&limit=1`, { headers })
        expect(desc.data.coupons[0].code).toBe("PAUSED")
      })

      it("refuses an unknown status", async () => {
        const error = await api.get(`/admin/coupons?status=gone`, { headers }).catch((e) => e)
        expect(error.response.status).toBe(400)
        expect(error.response.data.message).toMatch(/Expected: 'active, scheduled, expired, disabled' for field 'status', but got: 'gone'/)
      })
    })

    describe("coupon settings", () => {
      it("has the rules' defaults and persists changes", async () => {
        const { data } = await api.get("/admin/coupon-settings", { headers })
        expect(data.settings).toEqual(
          expect.objectContaining({
            enabled: true,
            plan: "advanced",
            expiring_soon_days: 7,
            payment_hold_minutes: 30,
            excluded_product_kinds: ["supplier", "pod", "virtual", "combination", "video", "service"],
            allowed_order_types: ["ordinary", "dropshipping"],
            restore_usage_on_cancel: false,
          })
        )
        await api.post("/admin/coupon-settings", { enabled: false, payment_hold_minutes: 15, excluded_product_kinds: ["POD"] }, { headers })
        const after = await api.get("/admin/coupon-settings", { headers })
        expect(after.data.settings).toEqual(
          expect.objectContaining({ enabled: false, payment_hold_minutes: 15, excluded_product_kinds: ["pod"], plan: "advanced" })
        )
      })

      it.each([
        [{ plan: "premium" }, /plan must be 'basic' or 'advanced'/, "plan"],
        [{ payment_hold_minutes: -1 }, /payment_hold_minutes cannot be negative/, "payment_hold_minutes"],
        [{ expiring_soon_days: 1.5 }, /expiring_soon_days must be a whole number/, "expiring_soon_days"],
        [{ excluded_product_kinds: ["print on demand"] }, /excluded_product_kinds entries must be 1-50 letters/, "excluded_product_kinds.0"],
      ])("refuses %j", async (body, message, field) => {
        const error = await api.post("/admin/coupon-settings", body, { headers }).catch((e) => e)
        expect(error.response.status).toBe(400)
        expect(error.response.data.message).toMatch(message)
        // The settings page puts the message under the field named as data.
        expect(error.response.data).toMatchObject({ code: "invalid_data", details: { field } })
        const { data } = await api.get("/admin/coupon-settings", { headers })
        expect(data.settings).toEqual(expect.objectContaining({ plan: "advanced", payment_hold_minutes: 30, expiring_soon_days: 7 }))
      })
    })

    describe("coupon blocklist", () => {
      it("blocks and unblocks a customer", async () => {
        const customerModule = getContainer().resolve(Modules.CUSTOMER)
        const customer = await customerModule.createCustomers({ email: "ann@example.com" })
        const { data } = await api.post(
          "/admin/coupon-blocklist",
          { customer_id: customer.id, reason: "chargeback abuse" },
          { headers }
        )
        expect(data.entry).toEqual(expect.objectContaining({ customer_id: customer.id, reason: "chargeback abuse" }))

        const reblocked = await api.post(
          "/admin/coupon-blocklist",
          { customer_id: customer.id, reason: "repeated chargebacks" },
          { headers }
        )
        expect(reblocked.data.entry).toEqual(
          expect.objectContaining({ id: data.entry.id, reason: "repeated chargebacks" })
        )

        const listed = await api.get(`/admin/coupon-blocklist?customer_id=${customer.id}`, { headers })
        expect(listed.data.count).toBe(1)

        const deleted = await api.delete(`/admin/coupon-blocklist/${customer.id}`, { headers })
        expect(deleted.data).toEqual({ customer_id: customer.id, deleted: true })
        const after = await api.get(`/admin/coupon-blocklist`, { headers })
        expect(after.data.count).toBe(0)
      })

      it("refuses an unknown customer or an empty reason and writes nothing", async () => {
        const unknown = await api
          .post("/admin/coupon-blocklist", { customer_id: "cus_missing", reason: "x" }, { headers })
          .catch((e) => e)
        expect(unknown.response.status).toBe(404)
        expect(unknown.response.data.message).toMatch(/cus_missing/)

        const noReason = await api
          .post("/admin/coupon-blocklist", { customer_id: "cus_missing", reason: " " }, { headers })
          .catch((e) => e)
        expect(noReason.response.status).toBe(400)
        expect(noReason.response.data.message).toMatch(/reason cannot be empty/)

        const list = await api.get(`/admin/coupon-blocklist`, { headers })
        expect(list.data.count).toBe(0)
      })
    })

    it("requires an admin", async () => {
      const error = await api.get("/admin/coupons").catch((e) => e)
      expect(error.response.status).toBe(401)
    })
  },
})
