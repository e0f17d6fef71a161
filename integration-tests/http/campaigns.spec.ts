import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer, TestCustomer } from "../helpers/customer"
import { refusal } from "../helpers/http"

jest.setTimeout(240 * 1000)

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
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

    const openPeriod = () => ({
      send_starts_at: new Date(Date.now() - HOUR).toISOString(),
      send_ends_at: new Date(Date.now() + DAY).toISOString(),
    })

    const createCampaign = async (couponId: string, body: Record<string, unknown> = {}) =>
      (
        await api.post(
          "/admin/coupon-campaigns",
          { name: "Spring sale", coupon_id: couponId, expiry_days: 10, ...openPeriod(), ...body },
          admin
        )
      ).data.coupon_campaign

    const send = async (campaignId: string, customers: TestCustomer[]) =>
      (await api.post(`/admin/coupon-campaigns/${campaignId}/send`, { customer_ids: customers.map((c) => c.id) }, admin)).data

    const recipientsOf = async (campaignId: string) =>
      couponService().listCouponCampaignRecipients({ campaign_id: campaignId }, { order: { created_at: "ASC", id: "ASC" } })

    const page = (token: string) => api.get(`/coupon-pages/${token}`, { validateStatus: () => true })

    const redeem = (token: string) =>
      api.post(`/coupon-pages/${token}/redeem`, {}, { maxRedirects: 0, validateStatus: () => true })

    /** Every campaign, recipient, wallet entry and notification, to prove a refusal wrote nothing. */
    const snapshot = async () => {
      const campaigns = await couponService().listCouponCampaigns({}, { withDeleted: true })
      const recipients = await couponService().listCouponCampaignRecipients({}, { withDeleted: true })
      const entries = await couponService().listCouponWalletEntries({}, { withDeleted: true, select: ["id"] })
      const codes = await couponService().listCouponCodes({}, { select: ["code", "customer_id"] })
      const sent = await notifications().listNotifications({})
      return {
        campaigns: campaigns.map((c: any) => JSON.stringify(c)).sort(),
        recipients: recipients.map((r: any) => JSON.stringify(r)).sort(),
        entries: entries.map((e: any) => e.id).sort(),
        codes: codes.map((c: any) => `${c.code}:${c.customer_id}`).sort(),
        notifications: sent.map((n: any) => n.id).sort(),
      }
    }

    describe("campaign definitions", () => {
      it("creates with defaults, reads, lists with zero funnels, updates and deletes a campaign", async () => {
        const coupon = await createCoupon()
        const period = openPeriod()
        const created = await createCampaign(coupon.id, { ...period, instructions: "Show this at the till." })
        expect(created).toEqual({
          id: expect.stringMatching(/^ccamp_/),
          name: "Spring sale",
          instructions: "Show this at the till.",
          coupon_id: coupon.id,
          coupon: { id: coupon.id, code: "SAVE25", title: "$25 off" },
          send_starts_at: period.send_starts_at,
          send_ends_at: period.send_ends_at,
          expiry_mode: "from_sending",
          expiry_days: 10,
          per_contact_limit: 1,
          image_url: null,
          background_color: "#ffffff",
          button_color: "#111827",
          button_text_color: "#ffffff",
          barcode_format: "QR",
          created_at: expect.any(String),
          updated_at: expect.any(String),
          funnel: { sent: 0, opened: 0, redeemed: 0, verified: 0 },
          funnel_by_channel: {},
        })
        expect((await api.get(`/admin/coupon-campaigns/${created.id}`, admin)).data.coupon_campaign).toEqual(created)

        const second = await createCampaign(coupon.id, { name: "Autumn sale" })
        const list = (await api.get("/admin/coupon-campaigns?limit=1", admin)).data
        expect(list).toEqual({ coupon_campaigns: [expect.objectContaining({ id: second.id })], count: 2, limit: 1, offset: 0 })
        const found = (await api.get("/admin/coupon-campaigns?q=spring", admin)).data
        expect(found.coupon_campaigns.map((c: any) => c.id)).toEqual([created.id])

        const updated = (
          await api.post(
            `/admin/coupon-campaigns/${created.id}`,
            {
              expiry_mode: "from_redemption",
              expiry_days: 3,
              per_contact_limit: 2,
              image_url: "https://cdn.example.com/spring.png",
              background_color: "#FFEEDD",
              button_color: "#ff6600",
              button_text_color: "#000000",
              barcode_format: "CODE_128",
            },
            admin
          )
        ).data.coupon_campaign
        expect(updated).toEqual({
          ...created,
          expiry_mode: "from_redemption",
          expiry_days: 3,
          per_contact_limit: 2,
          image_url: "https://cdn.example.com/spring.png",
          background_color: "#ffeedd",
          button_color: "#ff6600",
          button_text_color: "#000000",
          barcode_format: "CODE_128",
          updated_at: expect.any(String),
        })

        expect((await api.delete(`/admin/coupon-campaigns/${created.id}`, admin)).data).toEqual({
          id: created.id,
          object: "coupon_campaign",
          deleted: true,
        })
        expect(await refusal(api.get(`/admin/coupon-campaigns/${created.id}`, admin))).toEqual({
          status: 404,
          message: `Coupon campaign with id ${created.id} was not found.`,
        })
        expect((await api.get("/admin/coupon-campaigns", admin)).data.count).toBe(1)
      })

      it("refuses bad definitions on create with the message, and writes nothing", async () => {
        const coupon = await createCoupon()
        const now = Date.now()
        const cases: [Record<string, unknown>, number, string][] = [
          [{ background_color: "red" }, 400, "Invalid request: background_color must be a colour written #rrggbb (e.g. #ff6600)"],
          [{ button_color: "#12345" }, 400, "Invalid request: button_color must be a colour written #rrggbb (e.g. #ff6600)"],
          [{ expiry_days: 0 }, 400, "Invalid request: expiry_days must be at least 1"],
          [{ expiry_days: 1.5 }, 400, "Invalid request: expiry_days must be a whole number"],
          [{ per_contact_limit: 0 }, 400, "Invalid request: per_contact_limit must be at least 1"],
          [{ expiry_mode: "from_opening" }, 400, "Invalid request: expiry_mode must be 'from_sending' or 'from_redemption'"],
          [{ barcode_format: "EAN13" }, 400, "Invalid request: barcode_format must be 'QR', 'CODE_39' or 'CODE_128'"],
          [{ image_url: "javascript:alert(1)" }, 400, "Invalid request: image_url must be an http:// or https:// URL"],
          [{ name: "" }, 400, "Invalid request: name cannot be empty"],
          [{ name: undefined }, 400, "Invalid request: name is required"],
          [{ send_starts_at: "soon" }, 400, "Invalid request: send_starts_at must be a date"],
          [{ colour: "#ffffff" }, 400, "Invalid request: unknown field: colour"],
          [
            { send_starts_at: new Date(now + DAY).toISOString(), send_ends_at: new Date(now).toISOString() },
            400,
            "send_ends_at must be after send_starts_at",
          ],
          [{ coupon_id: "coup_missing" }, 404, "Coupon with id coup_missing was not found."],
        ]
        const before = await snapshot()
        for (const [change, status, message] of cases) {
          const body = { name: "Spring sale", coupon_id: coupon.id, expiry_days: 10, ...openPeriod(), ...change }
          expect(await refusal(api.post("/admin/coupon-campaigns", body, admin))).toEqual({ status, message })
        }
        expect(await snapshot()).toEqual(before)
        expect(before.campaigns).toEqual([])
        // The campaign form puts each refusal under the field named as data.
        const fieldCases: [Record<string, unknown>, string, string][] = [
          [{ expiry_days: 0 }, "invalid_data", "expiry_days"],
          [{ send_starts_at: new Date(now + DAY).toISOString(), send_ends_at: new Date(now).toISOString() }, "invalid_data", "send_ends_at"],
          [{ coupon_id: "coup_missing" }, "not_found", "coupon_id"],
        ]
        for (const [change, code, field] of fieldCases) {
          const body = { name: "Spring sale", coupon_id: coupon.id, expiry_days: 10, ...openPeriod(), ...change }
          const error = await api.post("/admin/coupon-campaigns", body, admin).catch((e) => e)
          expect(error.response.data).toMatchObject({ code, details: { field } })
        }
      })

      it("refuses bad updates (judged on the merged campaign) and leaves the campaign as it was", async () => {
        const coupon = await createCoupon()
        const other = await createCoupon({ code: "OTHER5", amount: 5 })
        const campaign = await createCampaign(coupon.id)
        const customer = await createCustomer(getContainer())
        const cases: [Record<string, unknown>, number, string][] = [
          [{ background_color: "#GGGGGG" }, 400, "Invalid request: background_color must be a colour written #rrggbb (e.g. #ff6600)"],
          [{ expiry_days: 0 }, 400, "Invalid request: expiry_days must be at least 1"],
          [
            { send_ends_at: new Date(new Date(campaign.send_starts_at).getTime() - HOUR).toISOString() },
            400,
            "send_ends_at must be after send_starts_at",
          ],
        ]
        for (const [change, status, message] of cases) {
          expect(await refusal(api.post(`/admin/coupon-campaigns/${campaign.id}`, change, admin))).toEqual({ status, message })
        }
        await send(campaign.id, [customer])
        const before = await snapshot()
        expect(await refusal(api.post(`/admin/coupon-campaigns/${campaign.id}`, { coupon_id: other.id }, admin))).toEqual({
          status: 400,
          message: "coupon_id cannot change once the campaign has been sent (1 coupon sent): create a new campaign for another coupon.",
        })
        const locked = await api.post(`/admin/coupon-campaigns/${campaign.id}`, { coupon_id: other.id }, admin).catch((e) => e)
        expect(locked.response.data).toMatchObject({ code: "not_allowed", details: { field: "coupon_id" } })
        expect(await snapshot()).toEqual(before)
        expect(await refusal(api.post(`/admin/coupon-campaigns/cc_missing`, { name: "x" }, admin))).toEqual({
          status: 404,
          message: "Coupon campaign with id cc_missing was not found.",
        })
      })
    })

    describe("sending", () => {
      it("sends within the period: one recipient with its own token and one e-mail notification per customer; blocked customers are skipped", async () => {
        const coupon = await createCoupon()
        const campaign = await createCampaign(coupon.id, { instructions: "One per visit." })
        const [a, b, blocked] = await Promise.all([1, 2, 3].map(() => createCustomer(getContainer())))
        await api.post("/admin/coupon-blocklist", { customer_id: blocked.id, reason: "Abuse" }, admin)

        const before = Date.now()
        const result = await send(campaign.id, [a, blocked, b])
        const after = Date.now()
        expect(result.skipped).toEqual([{ customer_id: blocked.id, reason: "The customer is blocked from coupons." }])
        expect(result.recipients.map((r: any) => r.customer_id)).toEqual([a.id, b.id])

        const recipients = await recipientsOf(campaign.id)
        expect(recipients).toHaveLength(2)
        const tokens = recipients.map((r: any) => r.token)
        expect(new Set(tokens).size).toBe(2)
        for (const recipient of recipients) {
          expect(recipient.token).toMatch(/^[A-Za-z0-9_-]{32}$/)
          expect(recipient.status).toBe("sent")
          expect(new Date(recipient.sent_at).getTime()).toBeGreaterThanOrEqual(before)
          expect(new Date(recipient.sent_at).getTime()).toBeLessThanOrEqual(after)
          expect([recipient.opened_at, recipient.redeemed_at, recipient.verified_at, recipient.code]).toEqual([null, null, null, null])
          const answered = result.recipients.find((r: any) => r.id === recipient.id)
          expect(answered).toEqual({
            id: recipient.id,
            customer_id: recipient.customer_id,
            // A customer is the e-mail contact at their address.
            channel: "email",
            contact_id: [a, b].find((c) => c.id === recipient.customer_id)!.email,
            status: "sent",
            sent_at: new Date(recipient.sent_at).toISOString(),
            coupon_url: expect.stringMatching(new RegExp(`^http://[^/]+/coupon-pages/${recipient.token}$`)),
            notification_status: "success",
          })
        }

        for (const customer of [a, b]) {
          const recipient = recipients.find((r: any) => r.customer_id === customer.id)
          const sent = await notifications().listNotifications({ to: customer.email })
          expect(sent).toHaveLength(1)
          expect(sent[0]).toEqual(
            expect.objectContaining({
              to: customer.email,
              channel: "email",
              template: "coupon-campaign",
              data: {
                campaign_name: "Spring sale",
                coupon_url: result.recipients.find((r: any) => r.customer_id === customer.id).coupon_url,
                instructions: "One per visit.",
              },
              receiver_id: customer.id,
              resource_id: recipient.id,
              status: "success",
            })
          )
        }
        expect(await notifications().listNotifications({ to: blocked.email })).toEqual([])
        expect((await api.get(`/admin/coupon-campaigns/${campaign.id}`, admin)).data.coupon_campaign.funnel).toEqual({
          sent: 2,
          opened: 0,
          redeemed: 0,
          verified: 0,
        })
      })

      it("refuses to send before or after the sending period, and records nothing", async () => {
        const coupon = await createCoupon()
        const customer = await createCustomer(getContainer())
        const startsAt = new Date(Date.now() + DAY)
        const early = await createCampaign(coupon.id, {
          send_starts_at: startsAt.toISOString(),
          send_ends_at: new Date(Date.now() + 2 * DAY).toISOString(),
        })
        const endedAt = new Date(Date.now() - HOUR)
        const late = await createCampaign(coupon.id, {
          name: "Winter sale",
          send_starts_at: new Date(Date.now() - 2 * DAY).toISOString(),
          send_ends_at: endedAt.toISOString(),
        })
        const before = await snapshot()
        expect(await refusal(send(early.id, [customer]))).toEqual({
          status: 400,
          message: `Campaign "Spring sale" cannot be sent before its sending period starts on ${startsAt.toISOString()}; nothing was sent.`,
        })
        expect(await refusal(send(late.id, [customer]))).toEqual({
          status: 400,
          message: `Campaign "Winter sale" cannot be sent: its sending period ended on ${endedAt.toISOString()}; nothing was sent.`,
        })
        expect(await snapshot()).toEqual(before)
        expect(before.recipients).toEqual([])
        expect(await notifications().listNotifications({ to: customer.email })).toEqual([])

        const open = await createCampaign(coupon.id, { name: "Open" })
        const missing = "cus_missing"
        const snap = await snapshot()
        expect(await refusal(api.post(`/admin/coupon-campaigns/${open.id}/send`, { customer_ids: [customer.id, missing] }, admin))).toEqual({
          status: 404,
          message: `Customers not found: ${missing}; nothing was sent.`,
        })
        expect(await refusal(api.post(`/admin/coupon-campaigns/${open.id}/send`, { customer_ids: [] }, admin))).toEqual({
          status: 400,
          message: "Invalid request: customer_ids must list at least one customer",
        })
        expect(await snapshot()).toEqual(snap)
      })
    })

    describe("the hosted coupon page", () => {
      it("shows the offer and a Redeem button; the first view marks it opened, later views do not; unknown links are 404", async () => {
        const coupon = await createCoupon({ type: "percentage", amount: null, percentage: 10, max_discount: 20, min_spend: 50 })
        const campaign = await createCampaign(coupon.id, {
          instructions: "Valid in all stores.",
          image_url: "https://cdn.example.com/spring.png",
          background_color: "#fef3c7",
          button_color: "#b45309",
          button_text_color: "#ffffff",
        })
        const customer = await createCustomer(getContainer())
        await send(campaign.id, [customer])
        const [recipient] = await recipientsOf(campaign.id)

        // A chat app drawing the link's preview sees the page but does not open the coupon.
        const preview = await api.get(`/coupon-pages/${recipient.token}`, {
          headers: { "user-agent": "WhatsApp/2.23.20.0 A" },
          validateStatus: () => true,
        })
        expect(preview.status).toBe(200)
        expect(preview.data).toContain("<h1>Spring sale</h1>")
        const [unopened] = await recipientsOf(campaign.id)
        expect([unopened.status, unopened.opened_at]).toEqual(["sent", null])

        const first = await page(recipient.token)
        expect(first.status).toBe(200)
        expect(first.headers["content-type"]).toBe("text/html; charset=utf-8")
        expect(first.headers["referrer-policy"]).toBe("no-referrer")
        const html: string = first.data
        expect(html).toContain("<title>Spring sale</title>")
        expect(html).toContain("<h1>Spring sale</h1>")
        expect(html).toContain('<p class="offer">10% off (up to 20.00 USD) on orders of 50.00 USD or more</p>')
        expect(html).toContain('<div class="instructions">Valid in all stores.</div>')
        expect(html).toContain('<img class="picture" src="https://cdn.example.com/spring.png" alt="">')
        expect(html).toContain("background: #fef3c7;")
        expect(html).toContain(`<form method="post" action="/coupon-pages/${recipient.token}/redeem">`)
        expect(html).toContain('<button type="submit" style="background: #b45309; color: #ffffff">Redeem</button>')

        const [opened] = await recipientsOf(campaign.id)
        expect(opened.status).toBe("opened")
        expect(opened.opened_at).not.toBeNull()
        await page(recipient.token)
        const [again] = await recipientsOf(campaign.id)
        expect(again.status).toBe("opened")
        expect(new Date(again.opened_at).getTime()).toBe(new Date(opened.opened_at).getTime())

        const unknown = await page("not-a-token")
        expect(unknown.status).toBe(404)
        expect(unknown.data).toContain("This coupon link is not valid.")
        const unknownRedeem = await redeem("not-a-token")
        expect(unknownRedeem.status).toBe(404)
        expect(unknownRedeem.data).toContain("This coupon link is not valid.")

        await api.delete(`/admin/coupon-campaigns/${campaign.id}`, admin)
        expect((await page(recipient.token)).status).toBe(404)
      })

      it("escapes every value it shows", async () => {
        const coupon = await createCoupon({ title: `<img src=x onerror=alert(1)>` })
        const campaign = await createCampaign(coupon.id, {
          name: `<script>alert("x")</script> & 'Deals'`,
          instructions: "<b>bold</b>\nline two",
        })
        const customer = await createCustomer(getContainer())
        await send(campaign.id, [customer])
        const [recipient] = await recipientsOf(campaign.id)
        const html: string = (await page(recipient.token)).data
        const escapedName = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Deals&#39;"
        expect(html).toContain(`<title>${escapedName}</title>`)
        expect(html).toContain(`<h1>${escapedName}</h1>`)
        expect(html).toContain('<div class="instructions">&lt;b&gt;bold&lt;/b&gt;\nline two</div>')
        expect(html).toContain('<p class="note">&lt;img src=x onerror=alert(1)&gt;</p>')
        expect(html).not.toContain("<script")
        expect(html).not.toContain("<b>")
        expect(html).not.toContain("<img src=x")
      })
    })

    describe("the form's live preview", () => {
      it("is the hosted page as the server renders it, before and after Redeem, and writes nothing", async () => {
        const coupon = await createCoupon({ type: "percentage", percentage: 15, amount: undefined, title: "Spring" })
        const before = await snapshot()
        const body = {
          name: "<b>Spring</b> deals",
          instructions: "Show this at the till",
          background_color: "#ff6600",
          button_color: "#00aa00",
          button_text_color: "not a colour yet",
          barcode_format: "CODE_128",
          coupon_id: coupon.id,
        }
        const { html } = (await api.post("/admin/coupon-campaigns/preview", body, admin)).data
        expect(html).toContain("<h1>&lt;b&gt;Spring&lt;/b&gt; deals</h1>")
        expect(html).toContain('<p class="offer">15% off</p>')
        expect(html).toContain('<p class="note">Spring</p>')
        expect(html).toContain("background: #ff6600")
        // A colour still being typed falls back to the page's default.
        expect(html).toContain('style="background: #00aa00; color: #ffffff">Redeem</button>')
        const after = (await api.post("/admin/coupon-campaigns/preview", { ...body, redeemed: true }, admin)).data.html
        expect(after).toContain('<p class="code">PREVIEW-7K3Q</p>')
        expect(after).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="Barcode of coupon code PREVIEW-7K3Q">/)
        expect(after).not.toContain("Redeem</button>")
        expect(await snapshot()).toEqual(before)

        const bad = await api
          .post("/admin/coupon-campaigns/preview", { ...body, barcode_format: "EAN13" }, admin)
          .catch((e: any) => e.response)
        expect(bad.status).toBe(400)
        expect(bad.data).toMatchObject({ code: "invalid_data", message: "Invalid request: barcode_format must be 'QR', 'CODE_39' or 'CODE_128'" })
      })
    })

    describe("redeeming", () => {
      it("from sending: claims the shared code into the wallet, expiring sent_at + expiry_days, and the page shows it as a barcode", async () => {
        const coupon = await createCoupon()
        const campaign = await createCampaign(coupon.id, { expiry_mode: "from_sending", expiry_days: 10, barcode_format: "CODE_128" })
        const customer = await createCustomer(getContainer())
        await send(campaign.id, [customer])
        const [recipient] = await recipientsOf(campaign.id)
        // Sent three days ago: the validity counts from then, not from the redemption.
        const sentAt = new Date(Date.now() - 3 * DAY)
        await couponService().updateCouponCampaignRecipients({ id: recipient.id, sent_at: sentAt })
        await page(recipient.token)

        const res = await redeem(recipient.token)
        expect(res.status).toBe(303)
        expect(res.headers.location).toBe(`/coupon-pages/${recipient.token}`)

        const [redeemed] = await recipientsOf(campaign.id)
        const [entry] = await couponService().listCouponWalletEntries({ customer_id: customer.id })
        expect(entry).toEqual(
          expect.objectContaining({
            coupon_id: coupon.id,
            customer_id: customer.id,
            code: "SAVE25",
            source: "campaign",
            campaign_id: campaign.id,
            state: "available",
          })
        )
        expect(new Date(entry.expires_at).toISOString()).toBe(new Date(sentAt.getTime() + 10 * DAY).toISOString())
        expect(redeemed).toEqual(
          expect.objectContaining({ status: "redeemed", code: "SAVE25", wallet_entry_id: entry.id, verified_at: null })
        )
        expect(redeemed.opened_at).not.toBeNull()
        expect(redeemed.redeemed_at).not.toBeNull()

        const html: string = (await page(recipient.token)).data
        const match = html.match(/<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)" alt="Barcode of coupon code SAVE25">/)
        expect(match).not.toBeNull()
        expect(Buffer.from(match![1], "base64").subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
        expect(html).toContain('<p class="code">SAVE25</p>')
        expect(html).toContain(`<p class="note">Valid until ${new Date(sentAt.getTime() + 10 * DAY).toISOString().slice(0, 10)}</p>`)
        expect(html).not.toContain("<form")

        // Clicking Redeem again only goes back to the page.
        const again = await redeem(recipient.token)
        expect(again.status).toBe(303)
        expect(await couponService().listCouponWalletEntries({ customer_id: customer.id })).toHaveLength(1)
      })

      it("from redemption: gives each recipient a free serial code, expiring redeemed_at + expiry_days", async () => {
        const coupon = await createCoupon({ code: null, title: "Serial $5", amount: 5 })
        await couponService().createCouponCodes(["SER-AAA1", "SER-AAA2"].map((code) => ({ code, coupon_id: coupon.id })))
        const campaign = await createCampaign(coupon.id, { expiry_mode: "from_redemption", expiry_days: 5 })
        const customer = await createCustomer(getContainer())
        await send(campaign.id, [customer])
        const [recipient] = await recipientsOf(campaign.id)
        await couponService().updateCouponCampaignRecipients({ id: recipient.id, sent_at: new Date(Date.now() - 3 * DAY) })

        expect((await redeem(recipient.token)).status).toBe(303)
        const [redeemed] = await recipientsOf(campaign.id)
        const [entry] = await couponService().listCouponWalletEntries({ customer_id: customer.id })
        expect(["SER-AAA1", "SER-AAA2"]).toContain(entry.code)
        expect(entry.coupon_code_id).not.toBeNull()
        expect(redeemed.code).toBe(entry.code)
        expect(redeemed.status).toBe("redeemed")
        expect(new Date(entry.expires_at).toISOString()).toBe(new Date(new Date(redeemed.redeemed_at).getTime() + 5 * DAY).toISOString())
        const [serial] = await couponService().listCouponCodes({ code: entry.code })
        expect(serial.customer_id).toBe(customer.id)

        const html: string = (await page(recipient.token)).data
        expect(html).toMatch(new RegExp(`<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="Barcode of coupon code ${entry.code}">`))
        expect(html).toContain(`<p class="code">${entry.code}</p>`)
      })

      it("refuses a redemption past the per-contact limit, and writes nothing", async () => {
        const coupon = await createCoupon({ code: null, title: "Serial $5", amount: 5 })
        await couponService().createCouponCodes(["LIM-0001", "LIM-0002"].map((code) => ({ code, coupon_id: coupon.id })))
        const campaign = await createCampaign(coupon.id, { per_contact_limit: 1 })
        const customer = await createCustomer(getContainer())
        await send(campaign.id, [customer])
        await send(campaign.id, [customer])
        const [first, second] = await recipientsOf(campaign.id)

        expect((await redeem(first.token)).status).toBe(303)
        const before = await snapshot()
        const res = await redeem(second.token)
        expect(res.status).toBe(400)
        expect(res.headers["content-type"]).toBe("text/html; charset=utf-8")
        expect(res.data).toContain("<p>You have already redeemed this campaign&#39;s coupon once, the most it allows per person.</p>")
        expect(await snapshot()).toEqual(before)
        expect((await recipientsOf(campaign.id)).map((r: any) => r.status)).toEqual(["redeemed", "sent"])
      })

      it("lets a contact redeem a shared-code coupon up to the per-contact limit: one wallet entry each", async () => {
        const coupon = await createCoupon({ code: "TWICE25" })
        const campaign = await createCampaign(coupon.id, { per_contact_limit: 2 })
        const customer = await createCustomer(getContainer())
        for (let i = 0; i < 3; i++) await send(campaign.id, [customer])
        const [first, second, third] = await recipientsOf(campaign.id)

        expect((await redeem(first.token)).status).toBe(303)
        expect((await redeem(second.token)).status).toBe(303)
        const before = await snapshot()
        const refused = await redeem(third.token)
        expect(refused.status).toBe(400)
        expect(refused.data).toContain("<p>You have already redeemed this campaign&#39;s coupon 2 times, the most it allows per person.</p>")
        expect(await snapshot()).toEqual(before)

        const entries = await couponService().listCouponWalletEntries({ customer_id: customer.id })
        expect(entries.map((e: any) => [e.code, e.state, e.campaign_id])).toEqual([
          ["TWICE25", "available", campaign.id],
          ["TWICE25", "available", campaign.id],
        ])
        expect((await recipientsOf(campaign.id)).map((r: any) => r.status)).toEqual(["redeemed", "redeemed", "sent"])
      })

      it("lets only one of two simultaneous redemptions by the same contact through (limit 1)", async () => {
        const coupon = await createCoupon({ code: null, title: "Serial $5", amount: 5 })
        await couponService().createCouponCodes(["RACE-001", "RACE-002"].map((code) => ({ code, coupon_id: coupon.id })))
        const campaign = await createCampaign(coupon.id, { per_contact_limit: 1 })
        const customer = await createCustomer(getContainer())
        await send(campaign.id, [customer])
        await send(campaign.id, [customer])
        const [first, second] = await recipientsOf(campaign.id)

        const answers = await Promise.all([redeem(first.token), redeem(second.token)])
        expect(answers.map((r) => r.status).sort()).toEqual([303, 400])
        const refused = answers.find((r) => r.status === 400)!
        expect(refused.data).toContain("<p>You have already redeemed this campaign&#39;s coupon once, the most it allows per person.</p>")

        const entries = await couponService().listCouponWalletEntries({ customer_id: customer.id }, { withDeleted: true })
        expect(entries).toHaveLength(1)
        const recipients = await recipientsOf(campaign.id)
        expect(recipients.map((r: any) => r.status).sort()).toEqual(["redeemed", "sent"])
        expect(recipients.find((r: any) => r.status === "redeemed").code).toBe(entries[0].code)
        // The loser's serial code went back to the pool.
        const codes = await couponService().listCouponCodes({ coupon_id: coupon.id }, { order: { code: "ASC" } })
        expect(codes.filter((c: any) => c.customer_id === customer.id).map((c: any) => c.code)).toEqual([entries[0].code])
      })

      it("allows redeeming after the sending period, not after the coupon ended", async () => {
        const coupon = await createCoupon()
        const campaign = await createCampaign(coupon.id)
        const [a, b] = await Promise.all([1, 2].map(() => createCustomer(getContainer())))
        await send(campaign.id, [a, b])
        const [ra, rb] = await recipientsOf(campaign.id)
        await api.post(
          `/admin/coupon-campaigns/${campaign.id}`,
          { send_starts_at: new Date(Date.now() - 2 * DAY).toISOString(), send_ends_at: new Date(Date.now() - DAY).toISOString() },
          admin
        )
        expect((await redeem(ra.token)).status).toBe(303)

        const endedAt = new Date(Date.now() - HOUR)
        await couponService().updateCoupons({ id: coupon.id, ends_at: endedAt })
        const before = await snapshot()
        const res = await redeem(rb.token)
        expect(res.status).toBe(400)
        expect(res.data).toContain(`<p>This coupon ended on ${endedAt.toISOString().slice(0, 10)} and can no longer be redeemed.</p>`)
        expect(await snapshot()).toEqual(before)
      })
    })

    describe("verification and redemption records", () => {
      it("verifies a redeemed code once; the records show every step and the list shows the funnel", async () => {
        const coupon = await createCoupon({ code: null, title: "Serial $5", amount: 5 })
        await couponService().createCouponCodes(["VER-0001", "VER-0002", "VER-0003"].map((code) => ({ code, coupon_id: coupon.id })))
        const campaign = await createCampaign(coupon.id)
        const customers = await Promise.all([1, 2, 3, 4].map(() => createCustomer(getContainer())))
        for (const c of customers) await send(campaign.id, [c])
        const [untouched, opened, redeemed, verified] = await recipientsOf(campaign.id)
        await page(opened.token)
        await page(redeemed.token)
        await redeem(redeemed.token)
        await redeem(verified.token)

        expect(await refusal(api.post("/admin/coupon-campaigns/verify", { code: "NOPE-1" }, admin))).toEqual({
          status: 404,
          message: "Coupon code NOPE-1 does not exist.",
        })
        const [unredeemedCode] = (await couponService().listCouponCodes({ coupon_id: coupon.id, customer_id: null })).map(
          (c: any) => c.code
        )
        expect(await refusal(api.post("/admin/coupon-campaigns/verify", { code: unredeemedCode }, admin))).toEqual({
          status: 400,
          message: `Coupon code ${unredeemedCode} has not been redeemed from a campaign yet.`,
        })

        const code = (await recipientsOf(campaign.id))[3].code
        const before = Date.now()
        const { redemption } = (await api.post("/admin/coupon-campaigns/verify", { code: code.toLowerCase() }, admin)).data
        expect(redemption).toEqual(
          expect.objectContaining({ id: verified.id, campaign_id: campaign.id, customer_id: verified.customer_id, code, status: "verified" })
        )
        expect(new Date(redemption.verified_at).getTime()).toBeGreaterThanOrEqual(before)
        const snap = await snapshot()
        expect(await refusal(api.post("/admin/coupon-campaigns/verify", { code }, admin))).toEqual({
          status: 400,
          message: `Coupon code ${code} has already been verified (on ${new Date(redemption.verified_at).toISOString()}).`,
        })
        expect(await snapshot()).toEqual(snap)

        const records = (await api.get(`/admin/coupon-campaigns/${campaign.id}/redemptions?limit=10`, admin)).data
        expect(records.count).toBe(4)
        expect(records.limit).toBe(10)
        const byId = new Map(records.redemptions.map((r: any) => [r.id, r]))
        const stored = await recipientsOf(campaign.id)
        for (const r of stored) {
          const customer = customers.find((c) => c.id === r.customer_id)!
          expect(byId.get(r.id)).toEqual({
            id: r.id,
            channel: "email",
            contact_id: customer.email,
            contact_name: null,
            customer_id: customer.id,
            customer: { id: customer.id, email: customer.email, first_name: "Test", last_name: "Shopper" },
            code: r.code,
            status: r.status,
            wallet_entry_id: r.wallet_entry_id,
            sent_at: new Date(r.sent_at).toISOString(),
            opened_at: r.opened_at && new Date(r.opened_at).toISOString(),
            redeemed_at: r.redeemed_at && new Date(r.redeemed_at).toISOString(),
            verified_at: r.verified_at && new Date(r.verified_at).toISOString(),
          })
        }
        expect(stored.map((r: any) => r.status)).toEqual(["sent", "opened", "redeemed", "verified"])
        expect(stored.map((r: any) => r.id)).toEqual([untouched.id, opened.id, redeemed.id, verified.id])
        const onlyVerified = (await api.get(`/admin/coupon-campaigns/${campaign.id}/redemptions?status=verified`, admin)).data
        expect(onlyVerified.redemptions.map((r: any) => r.id)).toEqual([verified.id])

        const list = (await api.get("/admin/coupon-campaigns", admin)).data
        expect(list.coupon_campaigns.find((c: any) => c.id === campaign.id).funnel).toEqual({
          sent: 4,
          opened: 3,
          redeemed: 2,
          verified: 1,
        })
        expect(list.coupon_campaigns.find((c: any) => c.id === campaign.id).funnel_by_channel).toEqual({
          email: { sent: 4, opened: 3, redeemed: 2, verified: 1 },
        })

        const html: string = (await page(verified.token)).data
        expect(html).toContain(`<p class="note">Used in store on ${new Date(redemption.verified_at).toISOString().slice(0, 10)}</p>`)
      })

      it("asks whose coupon it is when a shared code was redeemed by several customers", async () => {
        const coupon = await createCoupon()
        const campaign = await createCampaign(coupon.id)
        const [a, b] = await Promise.all([1, 2].map(() => createCustomer(getContainer())))
        await send(campaign.id, [a, b])
        for (const r of await recipientsOf(campaign.id)) expect((await redeem(r.token)).status).toBe(303)

        const before = await snapshot()
        expect(await refusal(api.post("/admin/coupon-campaigns/verify", { code: "save25" }, admin))).toEqual({
          status: 400,
          message:
            "Coupon code SAVE25 was redeemed by 2 customers and is not verified yet for any of them: give customer_id to say whose coupon this is.",
        })
        expect(await snapshot()).toEqual(before)

        const forB = (await api.post("/admin/coupon-campaigns/verify", { code: "SAVE25", customer_id: b.id }, admin)).data.redemption
        expect([forB.customer_id, forB.status]).toEqual([b.id, "verified"])
        // Only a's coupon is left to verify, so the code alone says whose it is.
        const forA = (await api.post("/admin/coupon-campaigns/verify", { code: "SAVE25" }, admin)).data.redemption
        expect([forA.customer_id, forA.status]).toEqual([a.id, "verified"])
      })
    })
  },
})
