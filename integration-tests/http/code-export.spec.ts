import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
    })

    const couponService = () => getContainer().resolve("coupon") as any

    const createCoupon = async (code: string) =>
      (await api.post("/admin/coupons", { code, title: code, type: "fixed", amount: 5, currency_code: "usd" }, admin)).data.coupon

    /** Two batches and a fixed serial, one code in each state, plus codes that must never be exported. */
    const seed = async () => {
      const coupon = await createCoupon("EXP")
      const other = await createCoupon("OTHER")
      const [b1, b2] = await couponService().createCouponCodeBatches([
        { coupon_id: coupon.id, source: "import", status: "done", requested: 2, created: 2 },
        { coupon_id: coupon.id, source: "import", status: "done", requested: 2, created: 2 },
      ])
      await couponService().createCouponCodes([
        { code: "A-2", coupon_id: coupon.id, batch_id: b1.id, max_uses: 1, usage_count: 1 },
        { code: "A-1", coupon_id: coupon.id, batch_id: b1.id, max_uses: 1 },
        { code: "B-1", coupon_id: coupon.id, batch_id: b2.id, max_uses: 1, customer_id: "cus_X" },
        // Redeemed on a coupon page by a campaign contact without a store account (campaign-contacts.spec.ts exports a real one).
        { code: "B-2", coupon_id: coupon.id, batch_id: b2.id, max_uses: 1, campaign_recipient_id: "ccrec_X" },
        { code: "FIX,ED", coupon_id: coupon.id, max_uses: 5, usage_count: 2 },
        { code: "GONE-1", coupon_id: coupon.id, batch_id: b1.id },
        { code: "O-1", coupon_id: other.id },
      ])
      await dbConnection.raw(`UPDATE coupon_code SET created_at = '2026-11-30T12:00:00.123Z'`)
      await dbConnection.raw(`UPDATE coupon_code SET deleted_at = now() WHERE code = 'GONE-1'`)
      return { coupon, b1, b2 }
    }

    const exportCsv = (couponId: string, query = "") => api.get(`/admin/coupons/${couponId}/codes/export${query}`, admin)

    const HEADER = "code,state,uses,max_uses,customer_id,batch_id,created_at,campaign_recipient_id,contact"
    const AT = "2026-11-30T12:00:00.123Z"

    it("streams every live code of the coupon as CSV, ordered by code, as a download", async () => {
      const { coupon, b1, b2 } = await seed()
      const res = await exportCsv(coupon.id)
      expect(res.status).toBe(200)
      expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(res.headers["content-disposition"]).toBe('attachment; filename="EXP-codes.csv"')
      expect(res.data).toBe(
        [
          HEADER,
          `A-1,available,0,1,,${b1.id},${AT},,`,
          `A-2,used,1,1,,${b1.id},${AT},,`,
          `B-1,assigned,0,1,cus_X,${b2.id},${AT},,`,
          `B-2,held_by_contact,0,1,,${b2.id},${AT},ccrec_X,`,
          // CSV quoting by PostgreSQL: a comma in a code is quoted.
          `"FIX,ED",available,2,5,,,${AT},,`,
          "",
        ].join("\n")
      )
    })

    it("filters by state, batch and the search of the Codes tab", async () => {
      const { coupon, b1, b2 } = await seed()
      expect((await exportCsv(coupon.id, "?state=used")).data).toBe(`${HEADER}\nA-2,used,1,1,,${b1.id},${AT},,\n`)
      expect((await exportCsv(coupon.id, "?state=available")).data).toBe(
        `${HEADER}\nA-1,available,0,1,,${b1.id},${AT},,\n"FIX,ED",available,2,5,,,${AT},,\n`
      )
      expect((await exportCsv(coupon.id, "?state=assigned")).data).toBe(`${HEADER}\nB-1,assigned,0,1,cus_X,${b2.id},${AT},,\n`)
      expect((await exportCsv(coupon.id, "?state=held_by_contact")).data).toBe(
        `${HEADER}\nB-2,held_by_contact,0,1,,${b2.id},${AT},ccrec_X,\n`
      )
      expect((await exportCsv(coupon.id, `?batch_id=${b2.id}`)).data).toBe(
        `${HEADER}\nB-1,assigned,0,1,cus_X,${b2.id},${AT},,\nB-2,held_by_contact,0,1,,${b2.id},${AT},ccrec_X,\n`
      )
      expect((await exportCsv(coupon.id, `?batch_id=${b1.id}&state=available`)).data).toBe(
        `${HEADER}\nA-1,available,0,1,,${b1.id},${AT},,\n`
      )
      expect((await exportCsv(coupon.id, "?q=a-")).data).toBe(
        `${HEADER}\nA-1,available,0,1,,${b1.id},${AT},,\nA-2,used,1,1,,${b1.id},${AT},,\n`
      )
      // A quote in a filter is a value, not SQL.
      expect((await exportCsv(coupon.id, `?batch_id=${encodeURIComponent("x' OR '1'='1")}`)).data).toBe(`${HEADER}\n`)
      expect((await exportCsv(coupon.id, "?state=used")).headers["content-disposition"]).toBe(
        'attachment; filename="EXP-codes-used.csv"'
      )
    })

    it("refuses a bad filter and an unknown coupon with a code", async () => {
      const { coupon } = await seed()
      const bad = await exportCsv(coupon.id, "?state=lost").catch((e) => e.response)
      expect([bad.status, bad.data.code]).toEqual([400, "invalid_data"])
      const unknown = await exportCsv(coupon.id, "?sort=code").catch((e) => e.response)
      expect([unknown.status, unknown.data.code]).toEqual([400, "invalid_data"])
      const missing = await exportCsv("coup_missing").catch((e) => e.response)
      expect([missing.status, missing.data.code]).toEqual([404, "not_found"])
    })

    it("serves other requests while a large export streams", async () => {
      const { coupon } = await seed()
      await dbConnection.raw(
        `INSERT INTO coupon_code (id, code, coupon_id, max_uses, usage_count)
         SELECT 'ccode_big' || g, 'BIG-' || lpad(g::text, 7, '0'), ?, 1, 0 FROM generate_series(1, 200000) g`,
        [coupon.id]
      )
      let firstByteAt = 0
      let doneAt = 0
      let lines = 0
      const download = api
        .get(`/admin/coupons/${coupon.id}/codes/export`, { ...admin, responseType: "stream" })
        .then(
          (res: any) =>
            new Promise<void>((resolve, reject) => {
              res.data.on("data", (chunk: Buffer) => {
                firstByteAt ||= Date.now()
                for (const byte of chunk) if (byte === 10) lines++
              })
              res.data.on("end", () => {
                doneAt = Date.now()
                resolve()
              })
              res.data.on("error", reject)
            })
        )
      // While the download is running, the API answers.
      while (!firstByteAt) await new Promise((r) => setTimeout(r, 5))
      // Order of events, not clock readings: two in the same millisecond are not told apart by Date.now().
      const answeredWhileStreaming = await api.get(`/admin/coupons/${coupon.id}`, admin).then(() => doneAt === 0)
      await download
      expect(lines).toBe(1 + 5 + 200000)
      expect(answeredWhileStreaming).toBe(true)
    })
  },
})
