import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer } from "../helpers/customer"
import { createTestStore, storefront, TestStore } from "../helpers/store"

jest.setTimeout(240 * 1000)

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/** Every name of docs/events.md. */
const EVENT_NAMES = [
  "coupon.created",
  "coupon.updated",
  "coupon.deleted",
  "coupon.redeemed",
  "coupon.redemption_released",
  "coupon.redemption_refunded",
  "coupon.code_batch.completed",
  "coupon.code_batch.failed",
  "coupon.wallet_entry.created",
  "coupon.wallet_entry.voided",
  "coupon.campaign_coupon.sent",
  "coupon.campaign_coupon.opened",
  "coupon.campaign_coupon.redeemed",
  "coupon.campaign_coupon.verified",
]

/** What a test subscriber on the event bus received, across the suite. */
const received: { name: string; data: any }[] = []
let subscribed = false

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string>; user: any }
    let store: TestStore

    beforeEach(async () => {
      if (!subscribed) {
        const eventBus = getContainer().resolve(Modules.EVENT_BUS)
        for (const name of EVENT_NAMES) {
          eventBus.subscribe(name, async (event: any) => {
            received.push({ name, data: event.data })
          }, { subscriberId: `coupon-events-spec-${name}` } as any)
        }
        subscribed = true
      }
      admin = await createAdminHeaders(getContainer())
      store = await createTestStore(getContainer())
      received.length = 0
    })

    const couponService = () => getContainer().resolve("coupon") as any
    const createCoupon = async (body: Record<string, unknown> = {}) =>
      (
        await api.post("/admin/coupons", { code: "EVT5", title: "$5", type: "fixed", amount: 5, currency_code: "usd", ...body }, admin)
      ).data.coupon

    /** Waits until the events named have arrived (and a moment more, so a duplicate would show), then returns them all. */
    const settled = async (names: string[]) => {
      for (let i = 0; i < 100 && !names.every((n) => received.some((e) => e.name === n)); i++) {
        await new Promise((r) => setTimeout(r, 100))
      }
      await new Promise((r) => setTimeout(r, 500))
      return [...received]
    }
    const named = (events: { name: string; data: any }[], name: string) => events.filter((e) => e.name === name).map((e) => e.data)

    it("announces a coupon created, updated and deleted once each, and nothing for refused changes", async () => {
      const coupon = await createCoupon()
      await api.post(`/admin/coupons/${coupon.id}`, { title: "Five off", usage_limit: 3 }, admin)
      // Refused by the workflow (code taken) and a change that changes nothing: no event.
      await createCoupon({ code: "TAKEN" })
      expect((await api.post(`/admin/coupons/${coupon.id}`, { code: "taken" }, admin).catch((e) => e.response)).status).toBe(400)
      expect((await createCoupon({ code: "evt5" }).catch((e) => e.response)).status).toBe(400)
      await api.post(`/admin/coupons/${coupon.id}`, { title: "Five off" }, admin)
      await api.delete(`/admin/coupons/${coupon.id}`, admin)

      const events = await settled(["coupon.deleted"])
      expect(events.map((e) => e.name)).toEqual(["coupon.created", "coupon.updated", "coupon.created", "coupon.deleted"])
      expect(events[0].data).toEqual({ id: coupon.id, code: "EVT5", title: "$5", actor_id: admin.user.id })
      expect(events[1].data).toEqual({ id: coupon.id, changed_fields: ["title", "usage_limit"], actor_id: admin.user.id })
      expect(events[3].data).toEqual({ id: coupon.id, code: "EVT5", actor_id: admin.user.id })
    })

    it("announces a redemption when the order is placed, and its refund and release", async () => {
      const coupon = await createCoupon()
      const shop = storefront(api, store)
      const cart = await shop.createCart([["hoodie", 1]])
      await shop.applyCoupon(cart.id, "EVT5")
      const { order } = await shop.complete(cart.id)
      const events = await settled(["coupon.redeemed"])
      const [redemption] = await couponService().listCouponRedemptions({ cart_id: cart.id })
      expect(named(events, "coupon.redeemed")).toEqual([
        {
          id: redemption.id,
          coupon_id: coupon.id,
          code: "EVT5",
          coupon_code_id: null,
          cart_id: cart.id,
          order_id: order.id,
          customer_id: expect.any(String),
          currency_code: "usd",
          discount_total: 5,
        },
      ])

      // A full refund with the use given back: refunded, then released.
      await api.post("/admin/coupon-settings", { restore_usage_on_cancel: true }, admin)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const {
        data: [placed],
      } = await query.graph({ entity: "order", fields: ["payment_collections.payments.id"], filters: { id: order.id } })
      const paymentId = (placed as any).payment_collections[0].payments[0].id
      // The system provider only authorizes: the merchant captures.
      await api.post(`/admin/payments/${paymentId}/capture`, {}, admin)
      // $60 − $5 + $10 shipping.
      expect(order.total).toBe(65)
      received.length = 0
      await api.post(`/admin/payments/${paymentId}/refund`, { amount: 65 }, admin)
      const after = await settled(["coupon.redemption_refunded", "coupon.redemption_released"])
      expect(after.map((e) => e.name)).toEqual(["coupon.redemption_refunded", "coupon.redemption_released"])
      expect(after[1].data).toMatchObject({ id: redemption.id, order_id: order.id, reason: "refunded" })
    })

    it("announces a run-out hold released by the sweep, once", async () => {
      const coupon = await createCoupon()
      await couponService().claimRedemption({
        coupon_id: coupon.id,
        coupon_code_id: null,
        code: "EVT5",
        cart_id: "cart_held",
        customer_id: null,
        email: "held@example.com",
        currency_code: "usd",
        discount_total: 5,
        allocations: [],
        hold_minutes: 30,
      })
      await getContainer()
        .resolve(ContainerRegistrationKeys.PG_CONNECTION)
        .raw(`UPDATE coupon_redemption SET hold_expires_at = now() - interval '1 minute' WHERE cart_id = 'cart_held'`)
      expect(await couponService().releaseExpiredHolds()).toEqual({ released: 1, redeemed: 0 })
      expect(await couponService().releaseExpiredHolds()).toEqual({ released: 0, redeemed: 0 })
      const events = await settled(["coupon.redemption_released"])
      expect(named(events, "coupon.redemption_released")).toEqual([
        expect.objectContaining({ coupon_id: coupon.id, cart_id: "cart_held", order_id: null, reason: "hold_expired" }),
      ])
      expect(named(events, "coupon.redeemed")).toEqual([])
    })

    it("announces wallet entries created and voided, code batches completed and failed", async () => {
      const coupon = await createCoupon()
      const customer = await createCustomer(getContainer())
      const [entry] = (await api.post(`/admin/coupons/${coupon.id}/assign`, { customer_ids: [customer.id] }, admin)).data.wallet_entries
      await api.post("/admin/coupon-blocklist", { customer_id: customer.id, reason: "Abuse" }, admin)
      // Blocked: a second grant is refused and announces nothing.
      expect((await api.post(`/admin/coupons/${coupon.id}/assign`, { customer_ids: [customer.id] }, admin).catch((e) => e.response)).status).toBe(400)

      const { batch } = (await api.post(`/admin/coupons/${coupon.id}/codes`, { quantity: 5, prefix: "ok-" }, admin)).data
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await knex.raw(`CREATE FUNCTION refuse_boom_codes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.code LIKE 'BOOM-%' THEN RAISE EXCEPTION 'disk full (test)'; END IF; RETURN NEW; END $$`)
      await knex.raw(`CREATE TRIGGER refuse_boom_codes BEFORE INSERT ON coupon_code FOR EACH ROW EXECUTE FUNCTION refuse_boom_codes()`)
      let failed: any
      try {
        failed = (await api.post(`/admin/coupons/${coupon.id}/codes`, { quantity: 5, prefix: "boom-" }, admin)).data.batch
        await settled(["coupon.code_batch.failed"])
      } finally {
        await knex.raw(`DROP TRIGGER refuse_boom_codes ON coupon_code`)
        await knex.raw(`DROP FUNCTION refuse_boom_codes()`)
      }
      const events = await settled(["coupon.code_batch.completed", "coupon.code_batch.failed"])
      expect(named(events, "coupon.wallet_entry.created")).toEqual([
        {
          id: entry.id,
          coupon_id: coupon.id,
          customer_id: customer.id,
          code: "EVT5",
          source: "admin",
          campaign_id: null,
          expires_at: null,
        },
      ])
      expect(named(events, "coupon.wallet_entry.voided")).toEqual([
        { id: entry.id, customer_id: customer.id, reason: "customer_blocked" },
      ])
      expect(named(events, "coupon.code_batch.completed")).toEqual([
        { id: batch.id, coupon_id: coupon.id, source: "generate", status: "done", requested: 5, created: 5, error: null },
      ])
      expect(named(events, "coupon.code_batch.failed")).toEqual([
        {
          id: failed.id,
          coupon_id: coupon.id,
          source: "generate",
          status: "failed",
          requested: 5,
          created: 0,
          error: "Generation stopped after 0 of 5 codes: disk full (test)",
        },
      ])
    })

    it("announces a campaign coupon sent, opened (first view only), redeemed and verified", async () => {
      const coupon = await createCoupon()
      const campaign = (
        await api.post(
          "/admin/coupon-campaigns",
          {
            name: "Spring",
            coupon_id: coupon.id,
            expiry_days: 10,
            send_starts_at: new Date(Date.now() - HOUR).toISOString(),
            send_ends_at: new Date(Date.now() + DAY).toISOString(),
          },
          admin
        )
      ).data.coupon_campaign
      const customer = await createCustomer(getContainer())
      await api.post(`/admin/coupon-campaigns/${campaign.id}/send`, { customer_ids: [customer.id] }, admin)
      const [recipient] = await couponService().listCouponCampaignRecipients({ campaign_id: campaign.id })
      await api.get(`/coupon-pages/${recipient.token}`)
      await api.get(`/coupon-pages/${recipient.token}`)
      await api.post(`/coupon-pages/${recipient.token}/redeem`, {}, { maxRedirects: 0, validateStatus: () => true })
      await api.post("/admin/coupon-campaigns/verify", { code: "evt5", customer_id: customer.id }, admin)
      // Verified already: refused, no second event.
      expect((await api.post("/admin/coupon-campaigns/verify", { code: "EVT5", customer_id: customer.id }, admin).catch((e) => e.response)).status).toBe(400)

      const events = await settled(["coupon.campaign_coupon.verified"])
      const campaignEvents = events.filter((e) => e.name.startsWith("coupon.campaign_coupon."))
      expect(campaignEvents.map((e) => e.name)).toEqual([
        "coupon.campaign_coupon.sent",
        "coupon.campaign_coupon.opened",
        "coupon.campaign_coupon.redeemed",
        "coupon.campaign_coupon.verified",
      ])
      // A customer is the e-mail contact at their address.
      const contact = { channel: "email", contact_id: customer.email }
      expect(campaignEvents[0].data).toEqual({
        id: recipient.id,
        campaign_id: campaign.id,
        ...contact,
        customer_id: customer.id,
        sent_at: expect.any(String),
      })
      expect(campaignEvents[1].data).toEqual({ id: recipient.id, campaign_id: campaign.id, ...contact, customer_id: customer.id })
      const [walletEntry] = named(events, "coupon.wallet_entry.created")
      expect(campaignEvents[2].data).toEqual({
        id: recipient.id,
        campaign_id: campaign.id,
        coupon_id: coupon.id,
        ...contact,
        customer_id: customer.id,
        code: "EVT5",
        wallet_entry_id: walletEntry.id,
      })
      expect(campaignEvents[3].data).toEqual({
        id: recipient.id,
        code: "EVT5",
        campaign_id: campaign.id,
        ...contact,
        customer_id: customer.id,
      })
    })

    it("announces the same for a chat contact without a store account: channel and contact id, no customer, no wallet", async () => {
      const coupon = await createCoupon({ code: null, title: "Serial $5" })
      await couponService().createCouponCodes([{ code: "EVT-LINE-1", coupon_id: coupon.id }])
      const campaign = (
        await api.post(
          "/admin/coupon-campaigns",
          {
            name: "LINE spring",
            coupon_id: coupon.id,
            expiry_days: 10,
            send_starts_at: new Date(Date.now() - HOUR).toISOString(),
            send_ends_at: new Date(Date.now() + DAY).toISOString(),
          },
          admin
        )
      ).data.coupon_campaign
      const { links } = (await api.post(`/admin/coupon-campaigns/${campaign.id}/links`, { contacts: [{ channel: "line", contact_id: "U-evt-1" }] }, admin)).data
      const token = links[0].coupon_url.split("/coupon-pages/")[1]
      await api.get(`/coupon-pages/${token}`)
      await api.get(`/coupon-pages/${token}`)
      expect((await api.post(`/coupon-pages/${token}/redeem`, {}, { maxRedirects: 0, validateStatus: () => true })).status).toBe(303)
      await api.post("/admin/coupon-campaigns/verify", { code: "evt-line-1", channel: "line", contact_id: "U-evt-1" }, admin)

      const events = await settled(["coupon.campaign_coupon.verified"])
      const campaignEvents = events.filter((e) => e.name.startsWith("coupon.campaign_coupon."))
      expect(campaignEvents.map((e) => e.name)).toEqual([
        "coupon.campaign_coupon.sent",
        "coupon.campaign_coupon.opened",
        "coupon.campaign_coupon.redeemed",
        "coupon.campaign_coupon.verified",
      ])
      const contact = { id: links[0].id, campaign_id: campaign.id, channel: "line", contact_id: "U-evt-1", customer_id: null }
      expect(campaignEvents[0].data).toEqual({ ...contact, sent_at: expect.any(String) })
      expect(campaignEvents[1].data).toEqual(contact)
      expect(campaignEvents[2].data).toEqual({ ...contact, coupon_id: coupon.id, code: "EVT-LINE-1", wallet_entry_id: null })
      expect(campaignEvents[3].data).toEqual({ ...contact, code: "EVT-LINE-1" })
      // Redeemed without an account: nothing went to a wallet.
      expect(named(events, "coupon.wallet_entry.created")).toEqual([])
    })
  },
})
