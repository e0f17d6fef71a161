import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { createTestStore, storefront } from "../helpers/store"
import { CODE_ALPHABET } from "../../src/modules/coupon/lib/code-generation"
import resumeSerialCodeBatches from "../../src/jobs/resume-serial-code-batches"
import { refusal } from "../helpers/http"

jest.setTimeout(240 * 1000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
    })

    const couponService = () => getContainer().resolve("coupon") as any

    // A generation still running when a test ends (say, after a failed
    // assertion) would write into the next test's database.
    afterEach(async () => {
      for (let i = 0; i < 600; i++) {
        const running = await couponService().listCouponCodeBatches({ status: ["pending", "running"] })
        if (!running.length) return
        await sleep(100)
      }
    })

    const createCoupon = async (body: Record<string, unknown> = {}) =>
      (
        await api.post(
          "/admin/coupons",
          { title: "$5 off", type: "fixed", amount: 5, currency_code: "usd", ...body },
          admin
        )
      ).data.coupon

    const generate = (couponId: string, body: Record<string, unknown>) =>
      api.post(`/admin/coupons/${couponId}/codes`, body, admin).then((r: any) => r.data.batch)

    const uploadCsv = (couponId: string, content: string | Buffer, field = "file") => {
      const form = new FormData()
      form.append(field, new Blob([content], { type: "text/csv" }), "codes.csv")
      return api
        .post(`/admin/coupons/${couponId}/codes`, form, { ...admin, maxBodyLength: Infinity })
        .then((r: any) => r.data.batch)
    }

    const getBatch = (couponId: string, batchId: string) =>
      api.get(`/admin/coupons/${couponId}/code-batches/${batchId}`, admin).then((r: any) => r.data.batch)

    const waitForBatch = async (couponId: string, batchId: string) => {
      const seen: number[] = []
      for (let i = 0; i < 1200; i++) {
        const batch = await getBatch(couponId, batchId)
        seen.push(batch.created)
        if (batch.status === "done" || batch.status === "failed") return { batch, seen }
        await sleep(100)
      }
      throw new Error(`batch ${batchId} did not finish`)
    }

    const listCodes = (couponId: string, query = "") =>
      api.get(`/admin/coupons/${couponId}/codes${query}`, admin).then((r: any) => r.data)

    /** Every live serial code and batch of the coupon, straight from the module. */
    const stored = async (couponId: string) => ({
      codes: await couponService().listCouponCodes({ coupon_id: couponId }, { select: ["code"] }),
      batches: await couponService().listCouponCodeBatches({ coupon_id: couponId }),
    })

    describe("generation", () => {
      it("answers at once with a pending batch, then writes exactly the codes asked for, all distinct", async () => {
        const coupon = await createCoupon()
        const batch = await generate(coupon.id, { quantity: 2000, prefix: "vip-" })

        expect(batch).toEqual({
          id: expect.stringMatching(/^cbatch_/),
          coupon_id: coupon.id,
          source: "generate",
          status: "pending",
          requested: 2000,
          created: 0,
          prefix: "VIP-",
          // 2,000 codes need 9 random characters: 31^8 < 2,000 × 1,999 / 2 × 10^6 < 31^9.
          length: 13,
          error: null,
          created_at: expect.any(String),
          updated_at: expect.any(String),
        })
        // The answer is the pending batch with nothing written yet: the codes are written off the request.

        const { batch: finished, seen } = await waitForBatch(coupon.id, batch.id)
        expect(finished).toMatchObject({ status: "done", requested: 2000, created: 2000, error: null })
        // `created` never goes down while polling.
        expect(seen).toEqual([...seen].sort((a, b) => a - b))

        const { codes } = await stored(coupon.id)
        expect(codes).toHaveLength(2000)
        const values = codes.map((c: any) => c.code)
        expect(new Set(values).size).toBe(2000)
        const shape = new RegExp(`^VIP-[${CODE_ALPHABET}]{9}$`)
        expect(values.filter((v: string) => !shape.test(v))).toEqual([])

        const page = await listCodes(coupon.id, "?limit=3&offset=1")
        const sorted = [...values].sort()
        expect(page).toEqual({
          codes: sorted.slice(1, 4).map((code) => ({
            id: expect.stringMatching(/^ccode_[0-9A-Z]{26}$/),
            code,
            state: "available",
            max_uses: 1,
            usage_count: 0,
            customer_id: null,
            batch_id: batch.id,
            created_at: expect.any(String),
            campaign_recipient_id: null,
            contact: null,
          })),
          count: 2000,
          limit: 3,
          offset: 1,
        })

        // Prefix search is case-insensitive and counts every match.
        const prefix = sorted[0].slice(0, 6)
        const matching = sorted.filter((v) => v.startsWith(prefix))
        const search = await listCodes(coupon.id, `?q=${prefix.toLowerCase()}&limit=100`)
        expect(search.count).toBe(matching.length)
        expect(search.codes.map((c: any) => c.code)).toEqual(matching)
      })

      it("picks the length itself, and keeps a longer length asked for", async () => {
        const coupon = await createCoupon()
        const batch = await generate(coupon.id, { quantity: 5, length: 12 })
        expect(batch).toMatchObject({ requested: 5, prefix: null, length: 12 })
        const { batch: finished } = await waitForBatch(coupon.id, batch.id)
        expect(finished).toMatchObject({ status: "done", created: 5 })
        const { codes } = await stored(coupon.id)
        expect(codes.map((c: any) => c.code)).toEqual(
          expect.arrayContaining([expect.stringMatching(new RegExp(`^[${CODE_ALPHABET}]{12}$`))])
        )
        expect(codes.every((c: any) => c.code.length === 12)).toBe(true)
      })

      it("refuses 1,000,001 codes and writes nothing", async () => {
        const coupon = await createCoupon()
        expect(await refusal(generate(coupon.id, { quantity: 1_000_001 }))).toEqual({
          status: 400,
          message: "Cannot generate 1,000,001 codes at once; the maximum is 1,000,000 per request.",
        })
        expect(await stored(coupon.id)).toEqual({ codes: [], batches: [] })
      })

      it("refuses a length or prefix that cannot hold the codes, and bad quantities", async () => {
        const coupon = await createCoupon()
        expect(await refusal(generate(coupon.id, { quantity: 1000, length: 5 }))).toEqual({
          status: 400,
          message: "length 5 cannot hold 1,000 distinct codes safely; use at least 8.",
        })
        expect(await refusal(generate(coupon.id, { quantity: 1000, prefix: "ABCDEFGHIJK" }))).toEqual({
          status: 400,
          message:
            'Prefix "ABCDEFGHIJK" is too long: 1,000 codes need 8 random characters, and codes are at most 16 characters; use a prefix of at most 8 characters.',
        })
        expect(await refusal(generate(coupon.id, { quantity: 10, length: 17 }))).toEqual({
          status: 400,
          message: "length 17 is too long; codes are at most 16 characters.",
        })
        expect(await refusal(generate(coupon.id, { quantity: 10, prefix: "A B" }))).toEqual({
          status: 400,
          message: 'Prefix "A B" may contain only letters A-Z, digits 0-9, "-" and "_".',
        })
        expect(await refusal(generate(coupon.id, { quantity: 0 }))).toEqual({
          status: 400,
          message: "Invalid request: quantity must be a whole number of at least 1",
        })
        expect(await refusal(generate(coupon.id, { quantity: 2.5 }))).toEqual({
          status: 400,
          message: "Invalid request: quantity must be a whole number of at least 1",
        })
        expect(await refusal(generate(coupon.id, { prefix: "A" }))).toEqual({
          status: 400,
          message: "Invalid request: quantity is required",
        })
        expect(await stored(coupon.id)).toEqual({ codes: [], batches: [] })
      })

      it("answers 404 for an unknown coupon and for a batch of another coupon", async () => {
        const coupon = await createCoupon()
        const other = await createCoupon({ title: "Other" })
        expect(await refusal(generate("coup_missing", { quantity: 5 }))).toEqual({
          status: 404,
          message: "Coupon with id: coup_missing was not found",
        })
        const batch = await generate(coupon.id, { quantity: 5 })
        await waitForBatch(coupon.id, batch.id)
        expect(await refusal(getBatch(other.id, batch.id))).toEqual({
          status: 404,
          message: `Code batch with id ${batch.id} was not found for coupon ${other.id}.`,
        })
        expect(await refusal(listCodes(coupon.id, "?limit=1001"))).toEqual({
          status: 400,
          message: "Invalid request: Value for field 'limit' too big, expected at most: '1000'",
        })
        expect(await refusal(listCodes("coup_missing"))).toEqual({
          status: 404,
          message: "Coupon with id: coup_missing was not found",
        })
      })

      it("retries codes that are taken instead of failing: a chunk skips existing serial and shared codes", async () => {
        const coupon = await createCoupon({ code: "TAKEN-SHARED" })
        await uploadCsv(coupon.id, "code\nTAKEN-SERIAL\n")
        const service = couponService()
        const [batch] = await service.createCouponCodeBatches([
          { coupon_id: coupon.id, source: "generate", status: "pending", requested: 3, prefix: null, length: 12 },
        ])
        await service.startCodeBatch(batch.id)

        const first = await service.addGeneratedCodes({
          batch_id: batch.id,
          codes: ["FRESH-1", "TAKEN-SERIAL", "TAKEN-SHARED"],
        })
        expect(first).toEqual({ inserted: 1, created: 1, requested: 3, running: true })
        // More codes than the batch has room for: only what it lacks is written.
        const second = await service.addGeneratedCodes({ batch_id: batch.id, codes: ["FRESH-2", "FRESH-3", "FRESH-4"] })
        expect(second).toEqual({ inserted: 2, created: 3, requested: 3, running: true })

        expect(await service.finishCodeBatch(batch.id)).toMatchObject({ status: "done", requested: 3, created: 3 })

        const { codes } = await stored(coupon.id)
        expect(codes.map((c: any) => c.code).sort()).toEqual(["FRESH-1", "FRESH-2", "FRESH-3", "TAKEN-SERIAL"])
      })

      it("never writes more than asked when chunks of one batch are written at the same time", async () => {
        const coupon = await createCoupon()
        const service = couponService()
        const [batch] = await service.createCouponCodeBatches([
          { coupon_id: coupon.id, source: "generate", status: "pending", requested: 5, prefix: null, length: 8 },
        ])
        await service.startCodeBatch(batch.id)
        const chunks = [["PAR-A1", "PAR-A2"], ["PAR-B1", "PAR-B2"], ["PAR-C1", "PAR-C2"], ["PAR-D1", "PAR-D2"]]
        const results = await Promise.all(chunks.map((codes) => service.addGeneratedCodes({ batch_id: batch.id, codes })))

        const { codes } = await stored(coupon.id)
        const [after] = await service.listCouponCodeBatches({ id: batch.id })
        // Whatever the interleaving: the count is exact, never above the request, and chunks that
        // found the batch full wrote nothing.
        expect(after.created).toBe(codes.length)
        expect(after.created).toBeLessThanOrEqual(5)
        expect(after.created).toBeGreaterThanOrEqual(2)
        expect(results.reduce((sum: number, r: any) => sum + r.inserted, 0)).toBe(after.created)
        for (const r of results.filter((r: any) => !r.running)) expect(r.inserted).toBe(0)
        await service.failCodeBatch(batch.id, "test over")
      })

      it("a failed batch withdraws its codes, except those already in a wallet, and says why", async () => {
        const coupon = await createCoupon()
        const service = couponService()
        const [batch] = await service.createCouponCodeBatches([
          { coupon_id: coupon.id, source: "generate", status: "pending", requested: 10, prefix: null, length: 8 },
        ])
        await service.startCodeBatch(batch.id)
        await service.addGeneratedCodes({ batch_id: batch.id, codes: ["FAIL-1", "FAIL-2", "FAIL-3"] })
        const [held] = await service.listCouponCodes({ code: "FAIL-2" })
        await service.updateCouponCodes({ id: held.id, customer_id: "cus_wallet" })

        await service.failCodeBatch(batch.id, "Generation stopped after 3 of 10 codes: database restarted")

        expect(await getBatch(coupon.id, batch.id)).toMatchObject({
          status: "failed",
          requested: 10,
          created: 1,
          error: "Generation stopped after 3 of 10 codes: database restarted",
        })
        expect((await listCodes(coupon.id)).codes.map((c: any) => [c.code, c.state])).toEqual([["FAIL-2", "assigned"]])
        // A stopped batch takes no more codes.
        expect(await service.addGeneratedCodes({ batch_id: batch.id, codes: ["FAIL-4"] })).toEqual({
          inserted: 0,
          created: 1,
          requested: 10,
          running: false,
        })
      })
    })

    describe("a generation that fails", () => {
      it("ends failed with the reason, and writes nothing", async () => {
        const coupon = await createCoupon()
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        // Stands in for a database that refuses writes (disk full, lost connection…).
        await knex.raw(`CREATE FUNCTION refuse_boom_codes() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.code LIKE 'BOOM-%' THEN RAISE EXCEPTION 'disk full (test)'; END IF; RETURN NEW; END $$`)
        await knex.raw(
          `CREATE TRIGGER refuse_boom_codes BEFORE INSERT ON coupon_code FOR EACH ROW EXECUTE FUNCTION refuse_boom_codes()`
        )
        try {
          const batch = await generate(coupon.id, { quantity: 50, prefix: "boom-" })
          const { batch: finished } = await waitForBatch(coupon.id, batch.id)
          expect(finished).toMatchObject({
            status: "failed",
            requested: 50,
            created: 0,
            error: "Generation stopped after 0 of 50 codes: disk full (test)",
          })
          expect((await stored(coupon.id)).codes).toEqual([])
        } finally {
          await knex.raw(`DROP TRIGGER refuse_boom_codes ON coupon_code`)
          await knex.raw(`DROP FUNCTION refuse_boom_codes()`)
        }
      })
    })

    describe("a batch whose worker died", () => {
      it("is continued by the resume job from the codes it has, and a fresh batch is left alone", async () => {
        const coupon = await createCoupon()
        const service = couponService()
        const [stale, fresh] = await service.createCouponCodeBatches([
          { coupon_id: coupon.id, source: "generate", status: "pending", requested: 30, prefix: "R-", length: 10 },
          { coupon_id: coupon.id, source: "generate", status: "pending", requested: 5, prefix: "F-", length: 10 },
        ])
        // The worker wrote 3 codes, then disappeared 10 minutes ago.
        await service.startCodeBatch(stale.id)
        await service.addGeneratedCodes({ batch_id: stale.id, codes: ["R-AAAAAAAA", "R-BBBBBBBB", "R-CCCCCCCC"] })
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await knex.raw(`UPDATE coupon_code_batch SET updated_at = now() - interval '10 minutes' WHERE id = ?`, [stale.id])

        await resumeSerialCodeBatches(getContainer())

        expect(await getBatch(coupon.id, stale.id)).toMatchObject({ status: "done", requested: 30, created: 30 })
        const codes = (await listCodes(coupon.id, "?q=R-&limit=100")).codes.map((c: any) => c.code)
        expect(codes).toHaveLength(30)
        expect(codes).toEqual(expect.arrayContaining(["R-AAAAAAAA", "R-BBBBBBBB", "R-CCCCCCCC"]))
        // A batch touched within the last 2 minutes may still have a live worker.
        expect(await getBatch(coupon.id, fresh.id)).toMatchObject({ status: "pending", created: 0 })
        await service.failCodeBatch(fresh.id, "test over")
      })
    })

    describe("deleting the coupon", () => {
      it("withdraws all its codes in one statement and frees them", async () => {
        const coupon = await createCoupon()
        const batch = await generate(coupon.id, { quantity: 20_000 })
        await waitForBatch(coupon.id, batch.id)
        await uploadCsv(coupon.id, "code\nREUSE-ME\n")

        expect((await api.delete(`/admin/coupons/${coupon.id}`, admin)).data).toEqual({
          id: coupon.id,
          object: "coupon",
          deleted: true,
        })
        expect(await couponService().listCouponCodes({ coupon_id: coupon.id }, { select: ["id"] })).toEqual([])
        expect(await couponService().listCouponCodeBatches({ coupon_id: coupon.id })).toEqual([])
        // Its codes are free again.
        const next = await createCoupon({ title: "Next", code: "reuse-me" })
        expect(next.code).toBe("REUSE-ME")
      })
    })

    describe("CSV import", () => {
      it("imports a one-column file with a header, all codes in one done batch", async () => {
        const coupon = await createCoupon()
        const batch = await uploadCsv(coupon.id, "code\r\nspring-01\r\n  SPRING_02 \r\n\r\nSpring03\r\n")
        expect(batch).toEqual({
          id: expect.stringMatching(/^cbatch_/),
          coupon_id: coupon.id,
          source: "import",
          status: "done",
          requested: 3,
          created: 3,
          prefix: null,
          length: null,
          error: null,
          created_at: expect.any(String),
          updated_at: expect.any(String),
        })
        expect(await getBatch(coupon.id, batch.id)).toEqual(batch)
        const { codes, count } = await listCodes(coupon.id)
        expect(count).toBe(3)
        // Code order is byte order ("-" < digits < letters < "_").
        expect(codes.map((c: any) => [c.code, c.state, c.max_uses, c.batch_id])).toEqual([
          ["SPRING-01", "available", 1, batch.id],
          ["SPRING03", "available", 1, batch.id],
          ["SPRING_02", "available", 1, batch.id],
        ])
      })

      it("accepts exactly 10 MB and refuses 10 MB + 1 byte, naming the limit and writing nothing", async () => {
        const coupon = await createCoupon()
        // One code, then lines of 999 blanks (skipped as empty) up to the size.
        const file = (size: number) => {
          const content = Buffer.alloc(size, " ")
          for (let i = 999; i < size; i += 1000) content[i] = 0x0a
          content.write("code\nBIGFILE1\n")
          return content
        }
        const exactly = file(10_000_000)
        const tooLarge = file(10_000_001)

        expect(await refusal(uploadCsv(coupon.id, tooLarge))).toEqual({
          status: 400,
          message:
            "The CSV file is larger than 10 MB (10,000,000 bytes); nothing was imported. Split it into smaller files.",
        })
        expect(await stored(coupon.id)).toEqual({ codes: [], batches: [] })

        expect(await uploadCsv(coupon.id, exactly)).toMatchObject({ status: "done", requested: 1, created: 1 })
        expect((await stored(coupon.id)).codes.map((c: any) => c.code)).toEqual(["BIGFILE1"])
      })

      it("rejects the whole file when rows repeat a code, with the repeating rows", async () => {
        const coupon = await createCoupon()
        expect(await refusal(uploadCsv(coupon.id, "code\nAAA1\nBBB2\naaa1\nCCC3\nBBB2\n"))).toEqual({
          status: 400,
          message:
            "The file was not imported, nothing was saved. 2 rows repeat a code of an earlier row: rows 4, 6 (row 4: AAA1 is also in row 2).",
        })
        // The report reads the rows at fault as data, one entry per kind of problem.
        const error = await uploadCsv(coupon.id, "code\nAAA1\nBBB2\naaa1\nCCC3\nBBB2\n").catch((e) => e)
        expect(error.response.data).toEqual({
          type: "invalid_data",
          code: "invalid_data",
          message: expect.any(String),
          details: {
            problems: [
              {
                kind: "repeated",
                total: 2,
                rows: [
                  { row: 4, code: "AAA1", first_row: 2 },
                  { row: 6, code: "BBB2", first_row: 3 },
                ],
                message: "2 rows repeat a code of an earlier row: rows 4, 6 (row 4: AAA1 is also in row 2)",
              },
            ],
          },
        })
        expect(await stored(coupon.id)).toEqual({ codes: [], batches: [] })
      })

      it("rolls back the chunks already written when a later row repeats a code, and reports that row", async () => {
        const coupon = await createCoupon()
        // 120,001 codes: two chunks of 50,000 are written before the repeat (row 120,002) is met.
        const codes = Array.from({ length: 120_000 }, (_, i) => `BIG${String(i).padStart(6, "0")}`)
        const content = `code\n${codes.join("\n")}\n${codes[0]}\n`
        expect(await refusal(uploadCsv(coupon.id, content))).toEqual({
          status: 400,
          message:
            "The file was not imported, nothing was saved. 1 row repeats a code of an earlier row: row 120002 (row 120002: BIG000000 is also in row 2).",
        })
        expect(await stored(coupon.id)).toEqual({ codes: [], batches: [] })
        // The same file without the repeat is imported whole.
        expect(await uploadCsv(coupon.id, `code\n${codes.join("\n")}\n`)).toMatchObject({ status: "done", requested: 120_000, created: 120_000 })
      })

      it("rejects the whole file for a 17-character or spaced code, with their rows", async () => {
        const coupon = await createCoupon()
        expect(await refusal(uploadCsv(coupon.id, "code\nGOOD1\nABCDEFGHIJKLMNOPQ\nAB CD\nGOOD2\n"))).toEqual({
          status: 400,
          message:
            'The file was not imported, nothing was saved. 2 rows have an invalid code: rows 3, 4 (row 3: Code "ABCDEFGHIJKLMNOPQ" has 17 characters; use at most 16.).',
        })
        expect(await stored(coupon.id)).toEqual({ codes: [], batches: [] })
      })

      it("rejects the whole file when a code exists already, as a serial code or a coupon's code", async () => {
        const coupon = await createCoupon()
        await createCoupon({ code: "SHARED10", title: "Shared" })
        const first = await uploadCsv(coupon.id, "code\nOLD1\n")
        expect(await refusal(uploadCsv(coupon.id, "code\nNEW1\nshared10\nOLD1\nNEW2\n"))).toEqual({
          status: 400,
          message:
            "The file was not imported, nothing was saved. 2 rows have codes that already exist: rows 3, 4 (row 3: SHARED10).",
        })
        const taken = await uploadCsv(coupon.id, "code\nNEW1\nshared10\nOLD1\nNEW2\n").catch((e) => e)
        expect(taken.response.data.details.problems).toEqual([
          {
            kind: "taken",
            total: 2,
            rows: [
              { row: 3, code: "SHARED10" },
              { row: 4, code: "OLD1" },
            ],
            message: "2 rows have codes that already exist: rows 3, 4 (row 3: SHARED10)",
          },
        ])
        const { codes, batches } = await stored(coupon.id)
        expect(codes.map((c: any) => c.code)).toEqual(["OLD1"])
        expect(batches.map((b: any) => b.id)).toEqual([first.id])
      })

      it("lists every kind of problem at once, at most 100 rows each", async () => {
        const coupon = await createCoupon()
        const rows = Array.from({ length: 150 }, () => "SAME")
        expect(await refusal(uploadCsv(coupon.id, `code\n${rows.join("\n")}\nTOO LONG CODE\n`))).toEqual({
          status: 400,
          message:
            "The file was not imported, nothing was saved. " +
            '1 row has an invalid code: row 152 (row 152: Code "TOO LONG CODE" contains space; use only letters A-Z, digits 0-9, "-" and "_", without spaces.); ' +
            `149 rows repeat a code of an earlier row: rows ${Array.from({ length: 100 }, (_, i) => i + 3).join(", ")} and 49 more (row 3: SAME is also in row 2).`,
        })
        const error = await uploadCsv(coupon.id, `code\n${rows.join("\n")}\nTOO LONG CODE\n`).catch((e) => e)
        const problems = error.response.data.details.problems
        expect(problems.map((p: any) => [p.kind, p.total, p.rows.length])).toEqual([
          ["invalid", 1, 1],
          ["repeated", 149, 100],
        ])
        expect(problems[0].rows).toEqual([
          { row: 152, reason: 'Code "TOO LONG CODE" contains space; use only letters A-Z, digits 0-9, "-" and "_", without spaces.' },
        ])
        expect(await stored(coupon.id)).toEqual({ codes: [], batches: [] })
      })

      it("refuses an empty file, a file with two columns and a form without the file field", async () => {
        const coupon = await createCoupon()
        expect(await refusal(uploadCsv(coupon.id, "code\n"))).toEqual({
          status: 400,
          message: "The file has no codes below its header row; nothing was imported.",
        })
        expect(await refusal(uploadCsv(coupon.id, "code,owner\nA1,B\n"))).toEqual({
          status: 400,
          message: "The file must have one column of codes; its header row has 2 columns. Nothing was imported.",
        })
        expect(await refusal(uploadCsv(coupon.id, "code\nA1\n", "csv"))).toEqual({
          status: 400,
          message: "Send the CSV file in a multipart form field named file.",
        })
        expect(await stored(coupon.id)).toEqual({ codes: [], batches: [] })
      })
    })

    describe("fixed serial", () => {
      it("creates one code usable N times and refuses a code that exists", async () => {
        const coupon = await createCoupon({ code: "SHARED5" })
        const { data } = await api.post(`/admin/coupons/${coupon.id}/codes`, { code: "fna5841", quantity: 3 }, admin)
        expect(data).toEqual({
          batch: expect.objectContaining({ source: "import", status: "done", requested: 1, created: 1 }),
          code: {
            id: expect.stringMatching(/^ccode_/),
            code: "FNA5841",
            state: "available",
            max_uses: 3,
            usage_count: 0,
            customer_id: null,
            batch_id: data.batch.id,
            created_at: expect.any(String),
            campaign_recipient_id: null,
            contact: null,
          },
        })
        expect(await refusal(api.post(`/admin/coupons/${coupon.id}/codes`, { code: "FNA5841", quantity: 2 }, admin))).toEqual({
          status: 400,
          message: "Code FNA5841 is already a serial code (codes are case-insensitive). Choose another code.",
        })
        expect(await refusal(api.post(`/admin/coupons/${coupon.id}/codes`, { code: "shared5", quantity: 2 }, admin))).toEqual({
          status: 400,
          message: "Code SHARED5 is already a coupon's code (codes are case-insensitive). Choose another code.",
        })
        expect(
          await refusal(api.post(`/admin/coupons/${coupon.id}/codes`, { code: "X1", quantity: 2, length: 8 }, admin))
        ).toEqual({
          status: 400,
          message: "Invalid request: prefix and length apply to generated codes; a fixed serial takes only code and quantity",
        })
        const { codes, batches } = await stored(coupon.id)
        expect(codes.map((c: any) => c.code)).toEqual(["FNA5841"])
        expect(batches).toHaveLength(1)
      })
    })

    describe("at checkout", () => {
      it("a generated code works once through POST /store/carts/:id/coupon and then shows as used", async () => {
        const store = await createTestStore(getContainer())
        const shop = storefront(api, store)
        const coupon = await createCoupon()
        const batch = await generate(coupon.id, { quantity: 20 })
        await waitForBatch(coupon.id, batch.id)
        const { codes } = await listCodes(coupon.id, "?limit=1")
        const code = codes[0].code

        const cart = await shop.createCart([["tee", 2]])
        const applied = await shop.applyCoupon(cart.id, code.toLowerCase())
        expect(applied.coupon).toMatchObject({ code, discount_total: 5 })
        const completed = await shop.complete(cart.id)
        expect(completed.type).toBe("order")

        const after = await listCodes(coupon.id, `?q=${code}`)
        expect(after.count).toBe(1)
        expect(after.codes[0]).toMatchObject({ code, state: "used", max_uses: 1, usage_count: 1 })

        const another = await shop.createCart([["tee", 1]])
        expect(await refusal(shop.applyCoupon(another.id, code))).toEqual({
          status: 400,
          message: `Coupon code ${code} has already been used.`,
        })
      })

      it("an imported code works at checkout too", async () => {
        const store = await createTestStore(getContainer())
        const shop = storefront(api, store)
        const coupon = await createCoupon()
        await uploadCsv(coupon.id, "code\nIMPORTED-7\n")
        const cart = await shop.createCart([["mug", 1]])
        expect((await shop.applyCoupon(cart.id, "imported-7")).coupon).toMatchObject({ code: "IMPORTED-7", discount_total: 5 })
        expect((await shop.complete(cart.id)).type).toBe("order")
        expect((await listCodes(coupon.id)).codes[0]).toMatchObject({ code: "IMPORTED-7", state: "used", usage_count: 1 })
      })

      it("a fixed serial with quantity 3 is usable three times, then refused", async () => {
        const store = await createTestStore(getContainer())
        const shop = storefront(api, store)
        const coupon = await createCoupon()
        await api.post(`/admin/coupons/${coupon.id}/codes`, { code: "FNA5841", quantity: 3 }, admin)

        for (let use = 1; use <= 3; use++) {
          const cart = await shop.createCart([["tee", 1]])
          expect((await shop.applyCoupon(cart.id, "FNA5841")).coupon).toMatchObject({ code: "FNA5841", discount_total: 5 })
          expect((await shop.complete(cart.id)).type).toBe("order")
          const { codes } = await listCodes(coupon.id)
          expect(codes[0]).toMatchObject({ usage_count: use, state: use === 3 ? "used" : "available" })
        }
        const fourth = await shop.createCart([["tee", 1]])
        expect(await refusal(shop.applyCoupon(fourth.id, "FNA5841"))).toEqual({
          status: 400,
          message: "Coupon code FNA5841 has already been used.",
        })
      })
    })
  },
})
