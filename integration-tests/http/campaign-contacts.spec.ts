import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer, TestCustomer } from "../helpers/customer"
import { createTestStore, storefront, TestStore } from "../helpers/store"

jest.setTimeout(240 * 1000)

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/**
 * Campaigns sent to chat contacts (issue 14): a bot flow, authenticated with
 * a secret API key, issues each contact's coupon link; contacts redeem on
 * the hosted page without a store account; the till verifies by code; the
 * records and funnels are per channel.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: { headers: Record<string, string> }
    let store: TestStore
    /** How a bot flow calls the admin API: a secret API key over HTTP Basic auth. */
    let bot: { headers: Record<string, string> }

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
      store = await createTestStore(getContainer())
      const { api_key } = (await api.post("/admin/api-keys", { title: "LINE bot", type: "secret" }, admin)).data
      expect(api_key.token).toMatch(/^sk_/)
      bot = { headers: { authorization: `Basic ${Buffer.from(`${api_key.token}:`).toString("base64")}` } }
    })

    const couponService = () => getContainer().resolve("coupon") as any
    const notifications = () => getContainer().resolve(Modules.NOTIFICATION)

    const createCoupon = async (body: Record<string, unknown> = {}) =>
      (
        await api.post(
          "/admin/coupons",
          { code: "SAVE25", title: "$25 off", type: "fixed", amount: 25, currency_code: "usd", ...body },
          admin
        )
      ).data.coupon

    const createCampaign = async (couponId: string, body: Record<string, unknown> = {}) =>
      (
        await api.post(
          "/admin/coupon-campaigns",
          {
            name: "LINE spring",
            coupon_id: couponId,
            expiry_days: 10,
            send_starts_at: new Date(Date.now() - HOUR).toISOString(),
            send_ends_at: new Date(Date.now() + DAY).toISOString(),
            ...body,
          },
          admin
        )
      ).data.coupon_campaign

    const issue = (campaignId: string, contacts: Record<string, unknown>[], query = "", headers = bot) =>
      api.post(`/admin/coupon-campaigns/${campaignId}/links${query}`, { contacts }, { ...headers, validateStatus: () => true })

    const tokenOf = (url: string) => url.split("/coupon-pages/")[1]
    const BROWSER = { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Line/14.0" }
    const page = (token: string) => api.get(`/coupon-pages/${token}`, { headers: BROWSER, validateStatus: () => true })
    const redeem = (token: string, customer?: TestCustomer) =>
      api.post(`/coupon-pages/${token}/redeem`, {}, {
        maxRedirects: 0,
        validateStatus: () => true,
        headers: customer ? { authorization: `Bearer ${customer.token}` } : {},
      })

    const count = async (table: string) =>
      Number((await dbConnection.raw(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n)
    const counts = async () => ({
      recipients: await count("coupon_campaign_recipient"),
      wallet: await count("coupon_wallet_entry"),
      notifications: await count("notification"),
      reserved: Number(
        (await dbConnection.raw(`SELECT count(*)::int AS n FROM coupon_code WHERE customer_id IS NOT NULL OR campaign_recipient_id IS NOT NULL`)).rows[0].n
      ),
    })

    const amountsOf = async (orderId: string) => {
      const { order } = (
        await api.get(`/admin/orders/${orderId}?fields=total,discount_total,item_subtotal,shipping_total,*payment_collections`, admin)
      ).data
      return {
        item_subtotal: order.item_subtotal,
        discount_total: order.discount_total,
        shipping_total: order.shipping_total,
        total: order.total,
        paid: order.payment_collections[0].amount,
      }
    }

    it("a bot issues 3 LINE contacts' links (the same again on repeat); one redeems without an account, is verified at the till; another is refused past the limit; a customer then checks out with the code", async () => {
      const coupon = await createCoupon()
      const campaign = await createCampaign(coupon.id, { per_contact_limit: 1, barcode_format: "CODE_128" })
      const contacts = [
        { channel: "line", contact_id: "U4af4980629", name: "Aiko" },
        { channel: "line", contact_id: "U1b2c3d4e5f", name: "Ben" },
        { channel: "line", contact_id: "U9z8y7x6w5v" },
      ]

      // The admin routes without a key, or with a wrong one, refuse the bot.
      expect((await issue(campaign.id, contacts, "", { headers: {} })).status).toBe(401)
      expect((await issue(campaign.id, contacts, "", { headers: { authorization: "Basic sk_not-a-key" } })).status).toBe(401)
      expect(await counts()).toEqual({ recipients: 0, wallet: 0, notifications: 0, reserved: 0 })

      const first = await issue(campaign.id, contacts)
      expect(first.status).toBe(200)
      expect(first.data.skipped).toEqual([])
      expect(first.data.links).toEqual(
        contacts.map((c) => ({
          id: expect.stringMatching(/^ccrec_/),
          channel: "line",
          contact_id: c.contact_id,
          name: c.name ?? null,
          customer_id: null,
          coupon_url: expect.stringMatching(/^http:\/\/[^/]+\/coupon-pages\/[A-Za-z0-9_-]{32}$/),
          status: "sent",
          sent_at: expect.any(String),
          created: true,
          limit_reached: false,
          // No Notification provider serves "line" here: the link is only returned.
          notification_status: null,
        }))
      )
      expect(new Set(first.data.links.map((l: any) => l.coupon_url)).size).toBe(3)
      expect(await notifications().listNotifications({})).toEqual([])

      // Idempotent: the bot asking again gets the same links, nothing new is written.
      const again = await issue(campaign.id, [contacts[1], contacts[0], contacts[2]])
      expect(again.data.links.map((l: any) => [l.contact_id, l.coupon_url, l.created])).toEqual([
        [contacts[1].contact_id, first.data.links[1].coupon_url, false],
        [contacts[0].contact_id, first.data.links[0].coupon_url, false],
        [contacts[2].contact_id, first.data.links[2].coupon_url, false],
      ])
      expect(await count("coupon_campaign_recipient")).toBe(3)

      // Aiko opens the page in LINE's browser and redeems without a store account: the code and its barcode.
      const aiko = tokenOf(first.data.links[0].coupon_url)
      expect((await page(aiko)).data).toContain(">Redeem</button>")
      const redeemed = await redeem(aiko)
      expect([redeemed.status, redeemed.headers.location]).toEqual([303, `/coupon-pages/${aiko}`])
      const shown: string = (await page(aiko)).data
      expect(shown).toContain(`<p class="code">SAVE25</p>`)
      expect(shown).toContain(`<img src="data:image/png;base64,`)
      expect(shown).toContain(`alt="Barcode of coupon code SAVE25"`)
      expect(shown).not.toContain(">Redeem</button>")
      expect(await count("coupon_wallet_entry")).toBe(0)
      const [aikoRow] = await couponService().listCouponCampaignRecipients({ token: aiko })
      expect([aikoRow.status, aikoRow.code, aikoRow.customer_id, aikoRow.wallet_entry_id]).toEqual(["redeemed", "SAVE25", null, null])

      // Once redeemed (limit 1), the bot gets Aiko's same link back, marked as at the limit.
      const afterRedeem = await issue(campaign.id, [contacts[0]])
      expect(afterRedeem.data.links[0]).toEqual(
        expect.objectContaining({ coupon_url: first.data.links[0].coupon_url, status: "redeemed", created: false, limit_reached: true })
      )

      // Ben redeems his LINE link signed in (his customer account is linked to it), then also holds the
      // campaign's e-mail to that account: the per-contact limit of 1 counts the person, so the second Redeem is refused.
      const benCustomer = await createCustomer(getContainer())
      const benLine = tokenOf(first.data.links[1].coupon_url)
      const { recipients: [benEmail] } = (
        await api.post(`/admin/coupon-campaigns/${campaign.id}/send`, { customer_ids: [benCustomer.id] }, admin)
      ).data
      expect((await redeem(benLine, benCustomer)).status).toBe(303)
      const before = await counts()
      const refused = await redeem(tokenOf(benEmail.coupon_url))
      expect(refused.status).toBe(400)
      expect(refused.data).toContain(`data-code="customer_limit_reached"`)
      expect(refused.data).toContain("You have already redeemed this campaign&#39;s coupon once, the most it allows per person.")
      expect(await counts()).toEqual(before)
      // Redeeming the same link again only shows it again.
      expect((await redeem(benLine, benCustomer)).status).toBe(303)
      expect(await counts()).toEqual(before)

      // Staff scan Aiko's code at the till: her coupon is found by code and contact, and is Verified.
      const verified = (
        await api.post("/admin/coupon-campaigns/verify", { code: "save25", channel: "line", contact_id: contacts[0].contact_id }, admin)
      ).data.redemption
      expect(verified).toEqual(
        expect.objectContaining({
          id: aikoRow.id,
          channel: "line",
          contact_id: contacts[0].contact_id,
          contact_name: "Aiko",
          customer_id: null,
          code: "SAVE25",
          status: "verified",
        })
      )

      const records = (await api.get(`/admin/coupon-campaigns/${campaign.id}/redemptions?channel=line&limit=10`, admin)).data
      expect(records.count).toBe(3)
      const aikoRecord = records.redemptions.find((r: any) => r.id === aikoRow.id)
      expect(aikoRecord).toEqual({
        id: aikoRow.id,
        channel: "line",
        contact_id: contacts[0].contact_id,
        contact_name: "Aiko",
        customer_id: null,
        customer: null,
        code: "SAVE25",
        status: "verified",
        wallet_entry_id: null,
        sent_at: expect.any(String),
        opened_at: expect.any(String),
        redeemed_at: expect.any(String),
        verified_at: verified.verified_at,
      })
      const steps = ["sent_at", "opened_at", "redeemed_at", "verified_at"].map((k) => new Date(aikoRecord[k]).getTime())
      expect([...steps].sort((a, b) => a - b)).toEqual(steps)
      const emailRecords = (await api.get(`/admin/coupon-campaigns/${campaign.id}/redemptions?channel=email`, admin)).data
      expect(emailRecords.redemptions.map((r: any) => [r.channel, r.contact_id, r.customer_id])).toEqual([
        ["email", benCustomer.email, benCustomer.id],
      ])

      const { coupon_campaign } = (await api.get(`/admin/coupon-campaigns/${campaign.id}`, admin)).data
      // Each step counts the coupons that reached it or a later one (Ben redeemed without opening the page first).
      expect(coupon_campaign.funnel).toEqual({ sent: 4, opened: 2, redeemed: 2, verified: 1 })
      expect(coupon_campaign.funnel_by_channel).toEqual({
        email: { sent: 1, opened: 0, redeemed: 0, verified: 0 },
        line: { sent: 3, opened: 2, redeemed: 2, verified: 1 },
      })

      // The code Aiko was shown is the coupon's: a customer types it at checkout. $60 hoodie + $10 shipping − $25.
      const shopper = await createCustomer(getContainer())
      const shop = storefront(api, store, shopper.token)
      const cart = await shop.createCart([["hoodie", 1]])
      expect((await shop.applyCoupon(cart.id, "SAVE25")).coupon.discount_total).toBe(25)
      const completed = await shop.complete(cart.id)
      expect(completed.type).toBe("order")
      expect(await amountsOf(completed.order.id)).toEqual({ item_subtotal: 60, discount_total: 25, shipping_total: 10, total: 45, paid: 45 })
    })

    it("a contact linked to a customer finds the coupon in the wallet; a signed-in customer redeeming a contact's link gets it too, also after redeeming without an account; nobody else can take a link", async () => {
      const coupon = await createCoupon({ code: null, title: "Serial $5", amount: 5 })
      await couponService().createCouponCodes(["LN-0001", "LN-0002", "LN-0003", "LN-0004", "LN-0005", "LN-0006"].map((code) => ({ code, coupon_id: coupon.id })))
      const campaign = await createCampaign(coupon.id)
      const [carol, dave, eve] = await Promise.all([1, 2, 3].map(() => createCustomer(getContainer())))

      const { links } = (
        await issue(campaign.id, [
          { channel: "facebook", contact_id: "psid-1001", name: "Carol", customer_id: carol.id },
          { channel: "whatsapp", contact_id: "+15550100" },
          { channel: "telegram", contact_id: "tg-77" },
          { channel: "viber", contact_id: "vb-5" },
          { channel: "kakao", contact_id: "kk-9" },
        ])
      ).data
      const [carolLink, daveLink, anonLink, guestLink, lateLink] = links.map((l: any) => tokenOf(l.coupon_url))

      // Carol's contact is linked to her account: Redeem puts a serial code of her own into her wallet.
      expect((await redeem(carolLink)).status).toBe(303)
      const carolWallet = (
        await api.get("/store/customers/me/coupons", {
          headers: { "x-publishable-api-key": store.publishableKey, authorization: `Bearer ${carol.token}` },
        })
      ).data
      expect(carolWallet.coupons).toHaveLength(1)
      const carolCode = carolWallet.coupons[0].code
      expect(carolCode).toMatch(/^LN-000[123]$/)
      expect((await couponService().listCouponCodes({ code: carolCode }))[0].customer_id).toBe(carol.id)

      // Dave opens the WhatsApp link while signed in: the coupon goes to his wallet, and the link is his.
      expect((await redeem(daveLink, dave)).status).toBe(303)
      const [daveRow] = await couponService().listCouponCampaignRecipients({ token: daveLink })
      expect([daveRow.customer_id, daveRow.status]).toEqual([dave.id, "redeemed"])
      const daveWallet = (await couponService().listCouponWalletEntries({ customer_id: dave.id }))[0]
      expect([daveWallet.code, daveWallet.id]).toEqual([daveRow.code, daveRow.wallet_entry_id])

      // The Telegram contact has no account: a serial code reserved for that contact, shown on the page only.
      expect((await redeem(anonLink)).status).toBe(303)
      const [anonRow] = await couponService().listCouponCampaignRecipients({ token: anonLink })
      expect([anonRow.customer_id, anonRow.wallet_entry_id]).toEqual([null, null])
      // The code is held by the contact (its own column), not by a customer: the Codes tab and the export say so.
      expect((await couponService().listCouponCodes({ code: anonRow.code }))[0]).toMatchObject({ customer_id: null, campaign_recipient_id: anonRow.id })
      const codesOf = async (code: string) => (await api.get(`/admin/coupons/${coupon.id}/codes?q=${code}`, admin)).data.codes
      expect(await codesOf(anonRow.code)).toEqual([
        expect.objectContaining({ code: anonRow.code, state: "held_by_contact", customer_id: null, campaign_recipient_id: anonRow.id, contact: "telegram:tg-77" }),
      ])
      const exported = async (query: string) =>
        (await api.get(`/admin/coupons/${coupon.id}/codes/export${query}`, admin)).data.trimEnd().split("\n").map((l: string) => l.split(","))
      const [header, ...held] = await exported("?state=held_by_contact")
      expect(header).toEqual(["code", "state", "uses", "max_uses", "customer_id", "batch_id", "created_at", "campaign_recipient_id", "contact"])
      expect(held.map((r: string[]) => [r[0], r[1], r[4], r[7], r[8]])).toEqual([[anonRow.code, "held_by_contact", "", anonRow.id, "telegram:tg-77"]])
      // Carol's and Dave's codes are in their wallets: assigned to the customer, no contact.
      expect((await exported("?state=assigned")).slice(1).map((r: string[]) => [r[0], r[4], r[7]]).sort()).toEqual(
        [[carolCode, carol.id, ""], [daveRow.code, dave.id, ""]].sort()
      )
      expect(new Set([carolCode, daveRow.code, anonRow.code]).size).toBe(3)
      // Without an account, nothing was written to any wallet.
      expect(await couponService().listCouponWalletEntries({ code: anonRow.code })).toEqual([])
      expect((await page(anonLink)).data).toContain(`<p class="code">${anonRow.code}</p>`)

      // Eve, signed in, tries Dave's and Carol's links: refused, nothing written.
      const before = await counts()
      for (const token of [daveLink, carolLink]) {
        const r = await redeem(token, eve)
        expect(r.status).toBe(303) // already redeemed: the page only shows it again, to no one's wallet
      }
      const { links: [frank] } = (await issue(campaign.id, [{ channel: "sms", contact_id: "+15550199", customer_id: carol.id }])).data
      const stolen = await redeem(tokenOf(frank.coupon_url), eve)
      expect(stolen.status).toBe(400)
      expect(stolen.data).toContain(`data-code="not_allowed"`)
      expect(stolen.data).toContain("This coupon was sent to someone else")
      expect({ ...(await counts()), recipients: before.recipients }).toEqual(before)
      expect(await couponService().listCouponWalletEntries({ customer_id: eve.id })).toEqual([])

      // The Viber contact never signs up: the serial code shown on the page is usable at checkout by whoever holds it.
      expect((await redeem(guestLink)).status).toBe(303)
      const [guestRow] = await couponService().listCouponCampaignRecipients({ token: guestLink })
      const shop = storefront(api, store)
      const cart = await shop.createCart([["tee", 2]])
      expect((await shop.applyCoupon(cart.id, guestRow.code)).coupon.discount_total).toBe(5)
      const completed = await shop.complete(cart.id)
      expect(completed.type).toBe("order")
      // Two $10 tees + $10 shipping − $5.
      expect(await amountsOf(completed.order.id)).toEqual({ item_subtotal: 20, discount_total: 5, shipping_total: 10, total: 25, paid: 25 })

      // A contact's code keeps the campaign's 10 days at checkout, as a wallet entry would: sent 11 days ago, it has expired.
      expect((await redeem(lateLink)).status).toBe(303)
      const [lateRow] = await couponService().listCouponCampaignRecipients({ token: lateLink })
      await couponService().updateCouponCampaignRecipients({ id: lateRow.id, sent_at: new Date(Date.now() - 11 * DAY) })
      const lateCart = await shop.createCart([["tee", 1]])
      const late = await api.post(`/store/carts/${lateCart.id}/coupon`, { code: lateRow.code }, { headers: shop.headers, validateStatus: () => true })
      expect([late.status, late.data.code]).toEqual([400, "coupon_expired"])

      // The Telegram contact signs up later and opens the link signed in: the same code goes into the new wallet.
      const gina = await createCustomer(getContainer())
      expect((await redeem(anonLink, gina)).status).toBe(303)
      const [ginaEntry] = await couponService().listCouponWalletEntries({ customer_id: gina.id })
      expect([ginaEntry.code, ginaEntry.source, ginaEntry.campaign_id]).toEqual([anonRow.code, "campaign", campaign.id])
      const [linked] = await couponService().listCouponCampaignRecipients({ token: anonLink })
      expect([linked.customer_id, linked.wallet_entry_id, linked.status]).toEqual([gina.id, ginaEntry.id, "redeemed"])
      expect((await couponService().listCouponCodes({ code: anonRow.code }))[0]).toMatchObject({ customer_id: gina.id, campaign_recipient_id: anonRow.id })
      // Now in Gina's wallet: assigned to her, and still saying which contact it came from.
      expect(await codesOf(anonRow.code)).toEqual([
        expect.objectContaining({ state: "assigned", customer_id: gina.id, campaign_recipient_id: anonRow.id, contact: "telegram:tg-77" }),
      ])
      // Only once: the link is hers now; Eve signed in gets nothing from it.
      const again = await counts()
      expect((await redeem(anonLink, gina)).status).toBe(303)
      expect((await redeem(anonLink, eve)).status).toBe(303)
      expect(await counts()).toEqual(again)
      // Gina checks out with it from her wallet: $60 hoodie + $10 shipping − $5.
      const ginaShop = storefront(api, store, gina.token)
      const ginaCart = await ginaShop.createCart([["hoodie", 1]])
      expect((await ginaShop.applyCoupon(ginaCart.id, anonRow.code)).coupon.discount_total).toBe(5)
      const ginaOrder = await ginaShop.complete(ginaCart.id)
      expect(await amountsOf(ginaOrder.order.id)).toEqual({ item_subtotal: 60, discount_total: 5, shipping_total: 10, total: 65, paid: 65 })

      // A bot first knows only the LINE id; once the contact links an account it names the customer: same link, now theirs.
      const hank = await createCustomer(getContainer())
      const { links: [unlinked] } = (await issue(campaign.id, [{ channel: "line", contact_id: "U-hank" }])).data
      const { links: [relinked] } = (await issue(campaign.id, [{ channel: "line", contact_id: "U-hank", name: "Hank", customer_id: hank.id }])).data
      expect([relinked.coupon_url, relinked.created, relinked.customer_id, relinked.name]).toEqual([unlinked.coupon_url, false, hank.id, "Hank"])
      expect((await redeem(tokenOf(unlinked.coupon_url))).status).toBe(303)
      const [hankEntry] = await couponService().listCouponWalletEntries({ customer_id: hank.id })
      expect(hankEntry.code).toMatch(/^LN-000[1-6]$/)
    })

    it("sends a new contact's link through the Notification module when a provider serves its channel, and a CSV for bulk tools", async () => {
      const coupon = await createCoupon()
      const campaign = await createCampaign(coupon.id, { instructions: "Show at the till." })
      const res = await issue(
        campaign.id,
        [
          { channel: "email", contact_id: "zoe@example.com", name: "Zoë, \"Z\"" },
          { channel: "line", contact_id: "=HYPERLINK(1)" },
        ],
        "?format=csv"
      )
      expect(res.status).toBe(200)
      expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(res.headers["content-disposition"]).toBe(`attachment; filename="LINE_spring-links.csv"`)
      const lines = (res.data as string).trimEnd().split("\r\n")
      expect(lines[0]).toBe("channel,contact_id,name,customer_id,coupon_url,status,created,notification_status")
      expect(lines).toHaveLength(3)
      expect(lines[1]).toMatch(/^email,zoe@example\.com,"Zoë, ""Z""",,http:\/\/[^/,]+\/coupon-pages\/[A-Za-z0-9_-]{32},sent,true,success$/)
      expect(lines[2]).toMatch(/^line,'=HYPERLINK\(1\),,,http:\/\/[^,]+,sent,true,$/)

      const [sent] = await notifications().listNotifications({ to: "zoe@example.com" })
      expect(sent).toEqual(
        expect.objectContaining({
          channel: "email",
          template: "coupon-campaign",
          data: { campaign_name: "LINE spring", coupon_url: /(http:\/\/[^,]+),/.exec(lines[1])![1], instructions: "Show at the till." },
          status: "success",
        })
      )
      // A repeat returns the same links and sends nothing again.
      await issue(campaign.id, [{ channel: "email", contact_id: "zoe@example.com" }])
      expect(await notifications().listNotifications({})).toHaveLength(1)
    })

    it("refuses bad contacts with 400 and a code, and writes nothing", async () => {
      const coupon = await createCoupon()
      const campaign = await createCampaign(coupon.id)
      const before = await counts()
      const refusedWith = async (contacts: unknown, message: string | RegExp) => {
        const res = await api.post(`/admin/coupon-campaigns/${campaign.id}/links`, { contacts }, { ...bot, validateStatus: () => true })
        expect(res.status).toBe(400)
        expect(res.data.code).toBe("invalid_data")
        expect(res.data.message).toMatch(message)
        expect(await counts()).toEqual(before)
      }
      const ok = { channel: "line", contact_id: "U1" }
      await refusedWith([{ ...ok, channel: "LINE" }], /channel must be 1 to 32 lowercase letters, digits/)
      await refusedWith([{ ...ok, channel: "li ne" }], /channel must be 1 to 32/)
      await refusedWith([{ ...ok, channel: "line✓" }], /channel must be 1 to 32/)
      await refusedWith([{ ...ok, channel: "" }], /channel must be 1 to 32/)
      await refusedWith([{ ...ok, channel: "x".repeat(33) }], /channel must be 1 to 32/)
      await refusedWith([{ ...ok, contact_id: "" }], /contact_id cannot be empty/)
      await refusedWith([{ ...ok, contact_id: "   " }], /contact_id cannot be empty/)
      await refusedWith([{ ...ok, contact_id: "u".repeat(257) }], /contact_id can be at most 256 characters/)
      await refusedWith([{ channel: "line" }], /contact_id/)
      await refusedWith([{ ...ok, customer_id: "" }], /customer_id cannot be empty/)
      await refusedWith([{ ...ok, name: "n".repeat(201) }], /name can be at most 200 characters/)
      await refusedWith([{ ...ok, extra: 1 }], /extra/)
      await refusedWith([], /contacts must list at least one contact/)
      await refusedWith([ok, ok], /Contacts listed more than once: line:U1/)
      const many = Array.from({ length: 10001 }, (_, i) => ({ channel: "line", contact_id: `U${i}` }))
      await refusedWith(many, /contacts can list at most 10000 contacts per request/)
      // An unknown linked customer is a 404, also with nothing written.
      const unknown = await api.post(
        `/admin/coupon-campaigns/${campaign.id}/links`,
        { contacts: [{ ...ok, customer_id: "cus_missing" }] },
        { ...bot, validateStatus: () => true }
      )
      expect([unknown.status, unknown.data.message]).toEqual([404, "Customers not found: cus_missing; nothing was sent."])
      // The records' channel filter and the verification's contact fields are checked the same way.
      const badFilter = await api.get(`/admin/coupon-campaigns/${campaign.id}/redemptions?channel=Bad!`, { ...admin, validateStatus: () => true })
      expect([badFilter.status, badFilter.data.code]).toEqual([400, "invalid_data"])
      const badVerify = await api.post("/admin/coupon-campaigns/verify", { code: "SAVE25", contact_id: "" }, { ...admin, validateStatus: () => true })
      expect([badVerify.status, badVerify.data.code]).toEqual([400, "invalid_data"])
      const badFormat = await issue(campaign.id, [ok], "?format=xml")
      expect([badFormat.status, badFormat.data.code]).toEqual([400, "invalid_data"])
      expect(await counts()).toEqual(before)

      // The full 10,000 is accepted, in one request.
      const full = await issue(campaign.id, many.slice(0, 10000))
      expect(full.status).toBe(200)
      expect(full.data.links).toHaveLength(10000)
      expect(await count("coupon_campaign_recipient")).toBe(10000)
    })
  },
})
