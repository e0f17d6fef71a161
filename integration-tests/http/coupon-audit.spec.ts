import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer } from "../helpers/customer"

jest.setTimeout(180 * 1000)

const DAY = 24 * 3600 * 1000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let alice: { headers: Record<string, string>; user: any }
    let bob: { headers: Record<string, string>; user: any }

    beforeEach(async () => {
      alice = await createAdminHeaders(getContainer(), "alice@coupons.test")
      bob = await createAdminHeaders(getContainer(), "bob@coupons.test")
    })

    const BODY = { code: "AUD10", title: "Ten off", type: "fixed", amount: 10, currency_code: "usd" }

    const history = async (couponId: string, query = "") =>
      (await api.get(`/admin/coupons/${couponId}/audit${query}`, alice)).data

    const allEntries = async () =>
      (await dbConnection.raw(`SELECT resource_type, action, actor_id FROM coupon_audit_entry ORDER BY created_at, id`)).rows

    it("records who created, changed and deleted a coupon, with before → after, newest first", async () => {
      const coupon = (await api.post("/admin/coupons", BODY, alice)).data.coupon
      await api.post(`/admin/coupons/${coupon.id}`, { title: "Ten dollars off", usage_limit: 100, amount: 10 }, bob)
      await api.delete(`/admin/coupons/${coupon.id}`, alice)

      const { entries, count, limit, offset } = await history(coupon.id)
      expect({ count, limit, offset }).toEqual({ count: 3, limit: 20, offset: 0 })
      expect(entries.map((e: any) => [e.action, e.actor?.email])).toEqual([
        ["deleted", "alice@coupons.test"],
        ["updated", "bob@coupons.test"],
        ["created", "alice@coupons.test"],
      ])
      const [deleted, updated, created] = entries
      // Only what changed: the amount was sent unchanged.
      expect(updated).toEqual({
        id: expect.any(String),
        resource_type: "coupon",
        resource_id: coupon.id,
        action: "updated",
        actor_id: bob.user.id,
        actor: { id: bob.user.id, email: "bob@coupons.test", first_name: null, last_name: null },
        changes: {
          title: { before: "Ten off", after: "Ten dollars off" },
          usage_limit: { before: null, after: 100 },
        },
        created_at: expect.any(String),
      })
      expect(created.changes).toEqual({
        code: { before: null, after: "AUD10" },
        title: { before: null, after: "Ten off" },
        type: { before: null, after: "fixed" },
        amount: { before: null, after: 10 },
        currency_code: { before: null, after: "usd" },
        is_active: { before: null, after: true },
        first_order_only: { before: null, after: false },
        exclude_sale_items: { before: null, after: false },
        product_ids: { before: null, after: [] },
        category_ids: { before: null, after: [] },
        renewal_applicable: { before: null, after: false },
        allocation: { before: null, after: "even" },
        target: { before: null, after: "items" },
        country_codes: { before: null, after: [] },
        customer_group_ids: { before: null, after: [] },
        sales_channel_ids: { before: null, after: [] },
        region_ids: { before: null, after: [] },
      })
      expect(deleted.changes).toMatchObject({
        code: { before: "AUD10", after: null },
        title: { before: "Ten dollars off", after: null },
        usage_limit: { before: 100, after: null },
      })
      expect(new Date(created.created_at).getTime()).toBeLessThanOrEqual(new Date(deleted.created_at).getTime())

      const page = await history(coupon.id, "?limit=1&offset=1")
      expect([page.count, page.limit, page.offset, page.entries.map((e: any) => e.action)]).toEqual([3, 1, 1, ["updated"]])
    })

    it("records nothing for a refused change or one that changes nothing", async () => {
      const coupon = (await api.post("/admin/coupons", BODY, alice)).data.coupon
      await api.post("/admin/coupons", { ...BODY, code: "OTHER" }, alice)
      // Refused by the workflow (the code is taken), not by the body's validator.
      const taken = await api.post(`/admin/coupons/${coupon.id}`, { code: "other", title: "x" }, bob).catch((e) => e.response)
      expect([taken.status, taken.data.code]).toEqual([400, "invalid_data"])
      const duplicate = await api.post("/admin/coupons", { ...BODY, code: "aud10" }, bob).catch((e) => e.response)
      expect([duplicate.status, duplicate.data.code]).toEqual([400, "invalid_data"])
      await api.post(`/admin/coupons/${coupon.id}`, { title: "Ten off" }, bob)

      expect(await allEntries()).toEqual([
        { resource_type: "coupon", action: "created", actor_id: alice.user.id },
        { resource_type: "coupon", action: "created", actor_id: alice.user.id },
      ])
      expect((await history(coupon.id)).count).toBe(1)
    })

    it("records campaign, settings and blocklist changes; a campaign's show on its coupon", async () => {
      const coupon = (await api.post("/admin/coupons", BODY, alice)).data.coupon
      const now = Date.now()
      const campaign = (
        await api.post(
          "/admin/coupon-campaigns",
          {
            name: "Spring",
            coupon_id: coupon.id,
            send_starts_at: new Date(now - DAY).toISOString(),
            send_ends_at: new Date(now + DAY).toISOString(),
            expiry_days: 7,
          },
          alice
        )
      ).data.coupon_campaign
      await api.post(`/admin/coupon-campaigns/${campaign.id}`, { name: "Spring sale", expiry_days: 14 }, bob)
      await api.post("/admin/coupon-settings", { payment_hold_minutes: 45, enabled: true }, bob)
      const customer = await createCustomer(getContainer())
      await api.post("/admin/coupon-blocklist", { customer_id: customer.id, reason: "Abuse" }, alice)
      await api.post("/admin/coupon-blocklist", { customer_id: customer.id, reason: "Chargebacks" }, alice)
      await api.delete(`/admin/coupon-blocklist/${customer.id}`, bob)

      const entries = (
        await dbConnection.raw(
          `SELECT resource_type, resource_id, coupon_id, action, actor_id, changes FROM coupon_audit_entry
           WHERE resource_type <> 'coupon' ORDER BY created_at, id`
        )
      ).rows
      expect(entries.map((e: any) => [e.resource_type, e.action, e.actor_id])).toEqual([
        ["campaign", "created", alice.user.id],
        ["campaign", "updated", bob.user.id],
        ["settings", "updated", bob.user.id],
        ["blocklist", "blocked", alice.user.id],
        ["blocklist", "blocked", alice.user.id],
        ["blocklist", "unblocked", bob.user.id],
      ])
      expect(entries[1]).toMatchObject({
        resource_id: campaign.id,
        coupon_id: coupon.id,
        changes: { name: { before: "Spring", after: "Spring sale" }, expiry_days: { before: 7, after: 14 } },
      })
      // `enabled` was sent unchanged.
      expect(entries[2].changes).toEqual({ payment_hold_minutes: { before: 30, after: 45 } })
      expect(entries.slice(3).map((e: any) => [e.resource_id, e.changes])).toEqual([
        [customer.id, { reason: { before: null, after: "Abuse" } }],
        [customer.id, { reason: { before: "Abuse", after: "Chargebacks" } }],
        [customer.id, { reason: { before: "Chargebacks", after: null } }],
      ])
      expect((await history(coupon.id)).entries.map((e: any) => [e.resource_type, e.action])).toEqual([
        ["campaign", "updated"],
        ["campaign", "created"],
        ["coupon", "created"],
      ])
    })

    it("records codes generated, a fixed serial and an admin's wallet grant; a refused grant records nothing", async () => {
      const coupon = (await api.post("/admin/coupons", BODY, alice)).data.coupon
      const customer = await createCustomer(getContainer())
      // The shared code goes to the wallet (before the coupon has serial codes).
      await api.post(`/admin/coupons/${coupon.id}/assign`, { customer_ids: [customer.id] }, alice)
      // Refused (already in the wallet): nothing recorded.
      expect((await api.post(`/admin/coupons/${coupon.id}/assign`, { customer_ids: [customer.id] }, alice).catch((e) => e.response)).status).toBe(400)
      const { batch } = (await api.post(`/admin/coupons/${coupon.id}/codes`, { quantity: 3, prefix: "h-", length: 8 }, bob)).data
      await api.post(`/admin/coupons/${coupon.id}/codes`, { code: "FIXED-1", quantity: 50 }, bob)

      const { entries } = await history(coupon.id)
      expect(entries.map((e: any) => [e.action, e.actor_id, e.changes])).toEqual([
        ["fixed_serial_created", bob.user.id, { code: { before: null, after: "FIXED-1" }, max_uses: { before: null, after: 50 } }],
        [
          "codes_requested",
          bob.user.id,
          {
            batch_id: { before: null, after: batch.id },
            quantity: { before: null, after: 3 },
            prefix: { before: null, after: "H-" },
            length: { before: null, after: 8 },
          },
        ],
        ["assigned", alice.user.id, { customer_ids: { before: null, after: [customer.id] } }],
        ["created", alice.user.id, expect.any(Object)],
      ])
    })

    it("answers 404 with a code for an unknown coupon", async () => {
      const error = await api.get("/admin/coupons/coup_missing/audit", alice).catch((e) => e.response)
      expect([error.status, error.data.code]).toEqual([404, "not_found"])
    })
  },
})
