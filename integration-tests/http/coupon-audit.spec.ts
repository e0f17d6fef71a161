import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer } from "../helpers/customer"

jest.setTimeout(180 * 1000)

const DAY = 24 * 3600 * 1000

/** The events an admin change can emit (docs/events.md). */
const ADMIN_CHANGE_EVENTS = [
  "coupon.created",
  "coupon.updated",
  "coupon.deleted",
  "coupon.wallet_entry.created",
  "coupon.wallet_entry.voided",
  "coupon.campaign_coupon.sent",
]
/** What a test subscriber on the event bus received, across the suite. */
const received: { name: string; data: any }[] = []
let subscribed = false

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let alice: { headers: Record<string, string>; user: any }
    let bob: { headers: Record<string, string>; user: any }

    beforeEach(async () => {
      if (!subscribed) {
        const eventBus = getContainer().resolve(Modules.EVENT_BUS)
        for (const name of ADMIN_CHANGE_EVENTS) {
          eventBus.subscribe(name, async (event: any) => {
            received.push({ name, data: event.data })
          }, { subscriberId: `coupon-audit-spec-${name}` } as any)
        }
        subscribed = true
      }
      received.length = 0
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
        coupon_id: coupon.id,
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

    /** Waits until an event named `name` has arrived, then answers every event received. */
    const eventsUntil = async (name: string) => {
      for (let i = 0; i < 100 && !received.some((e) => e.name === name); i++) await new Promise((r) => setTimeout(r, 100))
      return received.map((e) => e.name)
    }
    const auditCount = async () => Number((await dbConnection.raw(`SELECT count(*) AS n FROM coupon_audit_entry`)).rows[0].n)
    const refusal = (p: Promise<any>) => p.then((r) => ({ status: r.status, code: "none" }), (e) => ({ status: e.response?.status, code: e.response?.data?.code }))

    it("records a campaign send (who sent it to whom) and lists the whole trail by record kind and id", async () => {
      const coupon = (await api.post("/admin/coupons", BODY, alice)).data.coupon
      const now = Date.now()
      const campaign = (
        await api.post(
          "/admin/coupon-campaigns",
          { name: "Send", coupon_id: coupon.id, send_starts_at: new Date(now - DAY).toISOString(), send_ends_at: new Date(now + DAY).toISOString(), expiry_days: 7 },
          alice
        )
      ).data.coupon_campaign
      const [first, second] = [await createCustomer(getContainer()), await createCustomer(getContainer())]
      await api.post(`/admin/coupon-campaigns/${campaign.id}/send`, { customer_ids: [first.id, second.id] }, bob)
      await api.post("/admin/coupon-settings", { payment_hold_minutes: 40 }, alice)
      await api.post("/admin/coupon-blocklist", { customer_id: first.id, reason: "Abuse" }, alice)

      const sent = (await api.get(`/admin/coupon-audit?resource_type=campaign&resource_id=${campaign.id}`, alice)).data
      expect(sent.count).toBe(2)
      expect(sent.entries[0]).toEqual({
        id: expect.any(String),
        resource_type: "campaign",
        resource_id: campaign.id,
        coupon_id: coupon.id,
        action: "sent",
        actor_id: bob.user.id,
        actor: { id: bob.user.id, email: "bob@coupons.test", first_name: null, last_name: null },
        changes: { customer_ids: { before: null, after: [first.id, second.id] } },
        created_at: expect.any(String),
      })
      expect(sent.entries[1].action).toBe("created")
      // The coupon page's History shows the send too.
      expect((await history(coupon.id)).entries.map((e: any) => e.action)).toEqual(["sent", "created", "created"])

      const settings = (await api.get("/admin/coupon-audit?resource_type=settings", alice)).data
      expect(settings.entries.map((e: any) => [e.action, e.actor_id, e.changes])).toEqual([
        ["updated", alice.user.id, { payment_hold_minutes: { before: 30, after: 40 } }],
      ])
      const blocked = (await api.get(`/admin/coupon-audit?resource_type=blocklist&resource_id=${first.id}`, alice)).data
      expect(blocked.entries.map((e: any) => [e.action, e.changes])).toEqual([["blocked", { reason: { before: null, after: "Abuse" } }]])
      const all = (await api.get("/admin/coupon-audit?limit=2", alice)).data
      expect([all.count, all.limit, all.entries.map((e: any) => e.action)]).toEqual([5, 2, ["blocked", "updated"]])

      const bad = await refusal(api.get("/admin/coupon-audit?resource_type=order", alice))
      expect(bad).toEqual({ status: 400, code: "invalid_data" })

      await api.delete(`/admin/coupon-campaigns/${campaign.id}`, bob)
      const [deleted] = (await api.get(`/admin/coupon-audit?resource_type=campaign&resource_id=${campaign.id}`, alice)).data.entries
      expect([deleted.action, deleted.actor_id, deleted.changes.name, deleted.changes.expiry_days]).toEqual([
        "deleted",
        bob.user.id,
        { before: "Send", after: null },
        { before: 7, after: null },
      ])
    })

    it("writes no audit entry and emits no event for a refused change of any kind", async () => {
      const coupon = (await api.post("/admin/coupons", BODY, alice)).data.coupon
      await api.post("/admin/coupons", { ...BODY, code: "OTHER" }, alice)
      const now = Date.now()
      const campaign = (
        await api.post(
          "/admin/coupon-campaigns",
          { name: "Refusals", coupon_id: coupon.id, send_starts_at: new Date(now - DAY).toISOString(), send_ends_at: new Date(now + DAY).toISOString(), expiry_days: 7 },
          alice
        )
      ).data.coupon_campaign
      const customer = await createCustomer(getContainer())
      await api.post(`/admin/coupons/${coupon.id}/assign`, { customer_ids: [customer.id] }, alice)
      await eventsUntil("coupon.wallet_entry.created")
      received.length = 0
      const before = await auditCount()

      const refusals = [
        // Refused by a rule in the workflow (the code is taken) and by the body's validator.
        await refusal(api.post(`/admin/coupons/${coupon.id}`, { code: "other" }, bob)),
        await refusal(api.post("/admin/coupons", { ...BODY, code: "NEW", amount: -5 }, bob)),
        await refusal(api.post("/admin/coupons", { ...BODY, code: "aud10" }, bob)),
        // A campaign whose period ends before it starts; a send to an unknown customer (nothing sent).
        await refusal(api.post(`/admin/coupon-campaigns/${campaign.id}`, { send_ends_at: new Date(now - 2 * DAY).toISOString() }, bob)),
        await refusal(api.post(`/admin/coupon-campaigns/${campaign.id}/send`, { customer_ids: [customer.id, "cus_missing"] }, bob)),
        // Settings out of range; the blocklist with an unknown customer, and unblocking one not blocked.
        await refusal(api.post("/admin/coupon-settings", { payment_hold_minutes: -1 }, bob)),
        await refusal(api.post("/admin/coupon-blocklist", { customer_id: "cus_missing", reason: "x" }, bob)),
        await refusal(api.delete(`/admin/coupon-blocklist/${customer.id}`, bob)),
        // A grant of a code already in the wallet.
        await refusal(api.post(`/admin/coupons/${coupon.id}/assign`, { customer_ids: [customer.id] }, bob)),
      ]
      expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 400, 404, 400, 404, 404, 400])
      expect(refusals.every((r) => typeof r.code === "string" && r.code !== "none")).toBe(true)
      expect(await auditCount()).toBe(before)

      // A change that stands afterwards: its event is the only one received.
      await api.post(`/admin/coupons/${coupon.id}`, { title: "Still ten off" }, bob)
      expect(await eventsUntil("coupon.updated")).toEqual(["coupon.updated"])
      expect(await auditCount()).toBe(before + 1)
    })

    it("does not make a change whose audit entry cannot be written: both are one transaction", async () => {
      const coupon = (await api.post("/admin/coupons", BODY, alice)).data.coupon
      const customer = await createCustomer(getContainer())
      // The database refuses this test's audit entries (an update, a block) from here on.
      await dbConnection.raw(`ALTER TABLE coupon_audit_entry ADD CONSTRAINT audit_spec_refuses CHECK (action NOT IN ('updated', 'blocked'))`)
      try {
        const update = await refusal(api.post(`/admin/coupons/${coupon.id}`, { title: "Never", usage_limit: 5 }, bob))
        const settings = await refusal(api.post("/admin/coupon-settings", { payment_hold_minutes: 50 }, bob))
        const block = await refusal(api.post("/admin/coupon-blocklist", { customer_id: customer.id, reason: "x" }, bob))
        expect([update.status, settings.status, block.status].every((s) => s >= 400)).toBe(true)
      } finally {
        await dbConnection.raw(`ALTER TABLE coupon_audit_entry DROP CONSTRAINT audit_spec_refuses`)
      }
      const { coupon: after } = (await api.get(`/admin/coupons/${coupon.id}`, alice)).data
      expect([after.title, after.usage_limit]).toEqual(["Ten off", null])
      expect((await api.get("/admin/coupon-settings", alice)).data.settings.payment_hold_minutes).toBe(30)
      expect((await dbConnection.raw(`SELECT count(*) AS n FROM coupon_blocklist_entry WHERE customer_id = ?`, [customer.id])).rows[0].n).toBe("0")
      // Only the creation was recorded and announced.
      expect((await allEntries()).map((e: any) => e.action)).toEqual(["created"])
      await api.post(`/admin/coupons/${coupon.id}`, { title: "Now" }, bob)
      expect(await eventsUntil("coupon.updated")).toEqual(["coupon.created", "coupon.updated"])
    })

    it("answers 404 with a code for an unknown coupon", async () => {
      const error = await api.get("/admin/coupons/coup_missing/audit", alice).catch((e) => e.response)
      expect([error.status, error.data.code]).toEqual([404, "not_found"])
    })
  },
})
