import fs from "node:fs"
import path from "node:path"
import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer } from "../helpers/customer"
import { createTestStore, storefront } from "../helpers/store"
import { anyJson, bodyOf, deepNesting, hostileText, Poison, poisonedCsv, poisonFor, unknownId } from "../fuzz/hostile-input"

jest.setTimeout(240 * 1000)

/**
 * api.md: a bad request never answers 500 and never leaves a partial write.
 * Every route of the plugin gets generated hostile bodies, query strings and
 * path parameters (hostile-input.ts); each request carries one thing that
 * makes it certain to be refused, so every coupon table must read exactly
 * the same afterwards. FUZZ_SEED=<n> replays a run; FUZZ_RUNS sets its size.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)

type Who = "admin" | "store" | "customer" | "public"
/** One route: `:param`s are filled with a real id (`real`) or one nothing has. */
type Route = {
  method: "GET" | "POST" | "DELETE"
  path: string
  who: Who
  body?: "strict" | "multipart"
  fields?: string[]
  query?: string[]
  /** A body `{ code }` of a code nobody has is refused (and not counted as a guess: admin only). */
  codeLookup?: boolean
}

const COUPON_FIELDS = ["code", "title", "description", "type", "amount", "percentage", "max_discount", "currency_code", "min_spend", "starts_at", "ends_at", "is_active", "usage_limit", "product_ids", "allocation", "metadata"]
const CAMPAIGN_FIELDS = ["name", "coupon_id", "channel", "send_starts_at", "send_ends_at", "expiry", "per_contact_limit", "page", "customer_ids"]
const LIST = ["limit", "offset", "order", "fields", "q"]

const ROUTES: Route[] = [
  { method: "GET", path: "/admin/coupons", who: "admin", query: [...LIST, "status"] },
  { method: "POST", path: "/admin/coupons", who: "admin", body: "strict", fields: COUPON_FIELDS },
  { method: "GET", path: "/admin/coupons/stats", who: "admin", query: LIST },
  { method: "GET", path: "/admin/coupons/:coupon", who: "admin", query: ["fields"] },
  { method: "POST", path: "/admin/coupons/:coupon", who: "admin", body: "strict", fields: COUPON_FIELDS },
  { method: "DELETE", path: "/admin/coupons/:coupon", who: "admin" },
  { method: "GET", path: "/admin/coupons/:coupon/stats", who: "admin" },
  { method: "POST", path: "/admin/coupons/:coupon/assign", who: "admin", body: "strict", fields: ["customer_ids"] },
  { method: "GET", path: "/admin/coupons/:coupon/codes", who: "admin", query: [...LIST, "state"] },
  { method: "POST", path: "/admin/coupons/:coupon/codes", who: "admin", body: "strict", fields: ["quantity", "prefix", "length", "code"] },
  { method: "POST", path: "/admin/coupons/:coupon/codes", who: "admin", body: "multipart" },
  { method: "GET", path: "/admin/coupons/:coupon/code-batches/:batch", who: "admin" },
  { method: "GET", path: "/admin/coupons/:coupon/redemptions", who: "admin", query: LIST },
  { method: "GET", path: "/admin/coupons/:coupon/codes/export", who: "admin", query: ["state", "batch_id", "q"] },
  { method: "GET", path: "/admin/coupons/:coupon/audit", who: "admin", query: LIST },
  { method: "GET", path: "/admin/coupon-consistency", who: "admin" },
  { method: "GET", path: "/admin/coupon-settings", who: "admin" },
  { method: "POST", path: "/admin/coupon-settings", who: "admin", body: "strict", fields: ["enabled", "plan", "expiring_soon_days", "payment_hold_minutes", "excluded_product_kinds", "allowed_order_types"] },
  { method: "GET", path: "/admin/coupon-blocklist", who: "admin", query: [...LIST, "customer_id"] },
  { method: "POST", path: "/admin/coupon-blocklist", who: "admin", body: "strict", fields: ["customer_id", "reason"] },
  { method: "DELETE", path: "/admin/coupon-blocklist/:customer", who: "admin" },
  { method: "GET", path: "/admin/coupon-campaigns", who: "admin", query: LIST },
  { method: "POST", path: "/admin/coupon-campaigns", who: "admin", body: "strict", fields: CAMPAIGN_FIELDS },
  { method: "POST", path: "/admin/coupon-campaigns/verify", who: "admin", body: "strict", fields: ["code", "customer_id", "channel", "contact_id"], codeLookup: true },
  { method: "POST", path: "/admin/coupon-campaigns/preview", who: "admin", body: "strict", fields: ["name", "instructions", "image_url", "background_color", "button_color", "button_text_color", "barcode_format", "coupon_id", "redeemed"] },
  { method: "GET", path: "/admin/products/:product/coupon-eligibility", who: "admin" },
  { method: "GET", path: "/admin/coupon-campaigns/:campaign", who: "admin" },
  { method: "POST", path: "/admin/coupon-campaigns/:campaign", who: "admin", body: "strict", fields: CAMPAIGN_FIELDS },
  { method: "DELETE", path: "/admin/coupon-campaigns/:campaign", who: "admin" },
  { method: "POST", path: "/admin/coupon-campaigns/:campaign/send", who: "admin", body: "strict", fields: ["customer_ids"] },
  { method: "POST", path: "/admin/coupon-campaigns/:campaign/links", who: "admin", body: "strict", fields: ["contacts"], query: ["format"] },
  { method: "GET", path: "/admin/coupon-campaigns/:campaign/redemptions", who: "admin", query: [...LIST, "status", "channel"] },
  { method: "GET", path: "/admin/customers/:customer/coupons", who: "admin", query: [...LIST, "status"] },
  { method: "GET", path: "/admin/orders/:order/coupon", who: "admin" },
  { method: "GET", path: "/coupon-pages/:token", who: "public" },
  { method: "POST", path: "/coupon-pages/:token/redeem", who: "public" },
  { method: "GET", path: "/store/carts/:cart/coupon", who: "store" },
  { method: "POST", path: "/store/carts/:cart/coupon", who: "store", body: "strict", fields: ["code"] },
  { method: "DELETE", path: "/store/carts/:cart/coupon", who: "store" },
  { method: "POST", path: "/store/carts/:cart/coupon/preview", who: "store", body: "strict", fields: ["code"] },
  { method: "GET", path: "/store/carts/:cart/coupon-options", who: "customer" },
  { method: "GET", path: "/store/customers/me/coupons", who: "customer", query: [...LIST, "status"] },
  { method: "POST", path: "/store/customers/me/coupons", who: "customer", body: "strict", fields: ["code"] },
]

/** Every (method, path) served by a route.ts file of the plugin, as `METHOD /path/:param`. */
function pluginRoutes(): string[] {
  const root = path.join(__dirname, "../../src/api")
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name === "route.ts") {
        const url = "/" + path.relative(root, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, ":")).join("/")
        for (const [, method] of fs.readFileSync(full, "utf8").matchAll(/export async function (GET|POST|DELETE|PUT|PATCH)\b/g)) {
          found.push(`${method} ${url}`)
        }
      }
    }
  }
  walk(root)
  return found.sort()
}

/** One generated request: the route, its path values, query and body, and what makes it a certain refusal. */
const requestFor = (route: Route) => {
  const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1])
  const strict = route.body === "strict"
  return fc.record({
    route: fc.constant(route),
    // A real id, or one nothing has (then the request is refused whatever else it carries).
    ids: fc.tuple(...params.map(() => fc.option(unknownId, { freq: 2 }))) as fc.Arbitrary<(string | null)[]>,
    unknownIds: fc.tuple(...params.map(() => unknownId)) as fc.Arbitrary<string[]>,
    query: fc.dictionary(fc.constantFrom(...(route.query ?? ["q"]), "fields", "x[y][z]", "limit"), fc.oneof(hostileText, anyJson.map((v) => (v && typeof v === "object" ? JSON.stringify(v) : String(v)))), { maxKeys: 4 }),
    body: strict ? fc.oneof(bodyOf(route.fields ?? []), deepNesting, anyJson) : fc.constant(undefined),
    csv: route.body === "multipart" ? poisonedCsv : fc.constant(""),
    contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x"),
    poison: poisonFor({ body: strict, strictBody: strict, fields: route.fields ?? [], params: params.length, codeLookup: !!route.codeLookup }),
  })
}

const encodeQuery = (query: Record<string, unknown>) =>
  Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, "[").replace(/%5D/g, "]")}=${encodeURIComponent(String(v))}`)
    .join("&")

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    it("lists every route of the plugin", () => {
      const fuzzed = [...new Set(ROUTES.map((r) => `${r.method} ${r.path.replace(/:\w+/g, ":")}`))].sort()
      expect(fuzzed).toEqual(pluginRoutes())
    })

    it("refuses a NUL byte (blocklist reason, coupon id, page token, verify code) with a 400 that says where", async () => {
      const admin = (await createAdminHeaders(getContainer())).headers
      const answer = (r: any) => [r.status, r.data.code, r.data.message]
      const opts = { headers: admin, validateStatus: () => true }
      expect(answer(await api.post("/admin/coupon-blocklist", { customer_id: "cus_1", reason: "spam\u0000" }, opts))).toEqual([
        400,
        "invalid_data",
        "Invalid request: reason contains a control character (U+0000) at position 5; remove it and send the request again.",
      ])
      expect(answer(await api.get("/admin/coupons/coup%00x", opts))).toEqual([
        400,
        "invalid_data",
        "Invalid request: the URL path contains a control character (U+0000) at position 5; remove it and send the request again.",
      ])
      expect((await api.get("/coupon-pages/tok%00en", { validateStatus: () => true })).status).toBe(400)
      expect(answer(await api.post("/admin/coupon-campaigns/verify", { code: "AB\u0000C" }, opts))[0]).toBe(400)
      expect(answer(await api.get("/admin/coupons?q=a%01b", opts))[2]).toBe(
        "Invalid request: query parameter q contains a control character (U+0001) at position 2; remove it and send the request again."
      )
    })

    it(`answers ${RUNS} hostile requests without a 5xx and writes nothing`, async () => {
      const container = getContainer()
      const admin = (await createAdminHeaders(container)).headers
      const store = await createTestStore(container)
      const customer = await createCustomer(container)
      const shop = storefront(api, store, customer.token)
      const cart = await shop.createCart([["tee", 1]])
      const { data: created } = await api.post(
        "/admin/coupons",
        { code: "FUZZREAL", title: "Real", type: "fixed", amount: 5, currency_code: "usd" },
        { headers: admin }
      )
      await shop.applyCoupon(cart.id, "FUZZREAL")
      await api.get("/admin/coupon-settings", { headers: admin }) // the settings row exists before counting
      const real: Record<string, string> = {
        coupon: created.coupon.id,
        batch: "batch_none",
        customer: customer.id,
        campaign: "ccamp_none",
        order: "order_none",
        token: "token_none",
        cart: cart.id,
        product: store.products.tee,
      }
      const headersFor: Record<Who, Record<string, string>> = {
        admin,
        store: { "x-publishable-api-key": store.publishableKey },
        customer: { "x-publishable-api-key": store.publishableKey, authorization: `Bearer ${customer.token}` },
        public: {},
      }

      /** A digest of every coupon table's rows: any insert, update or delete changes it. */
      const tablesDigest = async () => {
        const { rows: tables } = await dbConnection.raw(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'coupon%' ORDER BY table_name`
        )
        const digest: Record<string, string> = {}
        for (const { table_name } of tables) {
          const { rows } = await dbConnection.raw(`SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table_name}" t`)
          digest[table_name] = `${rows[0].n} rows ${rows[0].h}`
        }
        return digest
      }
      const before = await tablesDigest()
      expect(Object.keys(before).length).toBeGreaterThanOrEqual(10)

      const samples = fc.sample(fc.oneof(...ROUTES.map(requestFor)), { numRuns: RUNS, seed: SEED })
      const statuses: Record<string, number> = {}
      const failures: string[] = []
      const send = async (sample: (typeof samples)[number]) => {
        const { route, ids, poison } = sample
        const p = poison as Poison
        const values = [...route.path.matchAll(/:(\w+)/g)].map((m, i) =>
          p.kind === "unknown_path" ? sample.unknownIds[i] : (ids[i] ?? real[m[1]])
        )
        let i = 0
        const url = route.path.replace(/:\w+/g, () => values[i++])
        const query: Record<string, unknown> = { ...sample.query }
        let data: unknown = sample.body
        let contentType: string = route.body ? sample.contentType : "application/json"
        if (p.kind === "control_in_query") query[p.field] = p.value
        else if (p.kind === "control_in_body") data = { ...(isObject(data) ? data : {}), [p.field]: p.value }
        else if (p.kind === "unknown_field") data = { ...(isObject(data) ? data : {}), [p.field]: p.value }
        else if (p.kind === "content_type") data = p.raw
        else if (p.kind === "unknown_code") data = { code: p.code }
        if (p.kind !== "control_in_query" && p.kind !== "unknown_path") contentType = p.kind === "content_type" ? p.contentType : "application/json"
        let payload: unknown = data === undefined ? undefined : typeof data === "string" ? data : JSON.stringify(data)
        if (route.body === "multipart") {
          contentType = "multipart/form-data; boundary=fuzzfuzz"
          payload = `--fuzzfuzz\r\nContent-Disposition: form-data; name="file"; filename="codes.csv"\r\nContent-Type: text/csv\r\n\r\n${sample.csv}\r\n--fuzzfuzz--\r\n`
        }
        const qs = encodeQuery(query)
        const res = await api.request({
          method: route.method,
          url: qs ? `${url}?${qs}` : url,
          data: payload,
          headers: { ...headersFor[route.who], ...(payload !== undefined ? { "content-type": contentType } : {}) },
          transformRequest: [(d: unknown) => d],
          validateStatus: () => true,
          maxRedirects: 0,
        })
        statuses[res.status] = (statuses[res.status] ?? 0) + 1
        // A read of an id nothing has may answer empty (an order without a coupon reads as null); anything else is refused.
        const emptyRead = route.method === "GET" && p.kind === "unknown_path" && res.status === 200
        if (res.status >= 500 || (res.status < 400 && !emptyRead)) {
          failures.push(`${res.status} ${route.method} ${url.slice(0, 120)} ?${qs.slice(0, 80)} poison=${p.kind} body=${String(payload).slice(0, 160)} → ${JSON.stringify(res.data).slice(0, 200)}`)
        }
      }
      // Four at a time: enough to finish 2,000 requests in well under a minute.
      let next = 0
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < samples.length) await send(samples[next++])
        })
      )

      const sent = Object.values(statuses).reduce((a, b) => a + b, 0)
      console.log(`fuzz seed ${SEED}: ${sent} requests, statuses ${JSON.stringify(statuses)}`)
      expect(failures.slice(0, 20)).toEqual([])
      expect(sent).toBe(RUNS)
      expect(await tablesDigest()).toEqual(before)
    })
  },
})

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v)
