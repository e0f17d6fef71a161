// Soak: two `medusa start` instances on Redis and one database take mixed
// shop traffic for a set number of minutes (issue 11): guests apply and
// remove coupons, change their carts, preview and complete them; customers
// claim codes into their wallets and read them; a guesser sends unknown codes
// and malformed bodies. At the end it prints the requests, the refusals by
// `code`, the unexpected answers (any 5xx, or a 4xx without a `code` where
// the plugin answers; goal 0), each instance's RSS at start and end, and the
// consistency check (goal: no drift). Not a test: figures for docs/soak.md.
//   npm run soak -- --minutes 10      (default 2; REDIS_URL to pick a server)
//   SOAK_WORKERS=n                    concurrent shoppers (default 8)
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { ADMIN, createMedusaApp } from "../scripts/lib/medusa-app.mjs"
import { connectRedis } from "../scripts/lib/redis.mjs"
import { positiveInt, writeResults } from "./lib.mjs"

const log = (m) => process.stdout.write(`[soak] ${m}\n`)
const minutesArg = process.argv.indexOf("--minutes")
const MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 2
if (!(MINUTES > 0)) {
  console.error(`[soak] --minutes must be a positive number, got "${process.argv[minutesArg + 1]}"`)
  process.exit(2)
}
const WORKERS = positiveInt("SOAK_WORKERS", 8)
const LIMITED = 40 // usage limit of the coupon whose completions race
const CUSTOMERS = 12
const ADDRESS = { first_name: "A", last_name: "B", address_1: "1 St", city: "NYC", country_code: "us", postal_code: "10001" }

const redis = await connectRedis({ db: 9, log })
if (!redis) process.exit(1)
await redis.flush()
const app = await createMedusaApp({ name: "soak", log })
let exitCode = 1
try {
  exitCode = await soak(app)
} catch (error) {
  log(`FAILED: ${error?.stack ?? error}\nlast lines of the server log:\n${app.serverLogTail(30)}`)
}
await app.cleanup({ keepLogs: exitCode !== 0 })
await redis.close()
process.exit(exitCode)

/** Sum of VmRSS over a server's process group, in MB. */
function groupRssMb(pgid) {
  let kb = 0
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue
      kb += Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0)
    } catch {
      // the process ended while being read
    }
  }
  return Math.round(kb / 1024)
}

async function soak(app) {
  const seedOut = path.join(app.tmpDir, "seed.json")
  await app.medusa("migrate", ["db:migrate"])
  await app.medusa("admin user", ["user", "-e", ADMIN.email, "-p", ADMIN.password])
  await app.medusa("seed", ["exec", "./bench/seed.ts"], { BENCH_SEED_OUT: seedOut })
  const store = JSON.parse(fs.readFileSync(seedOut, "utf8"))
  const instances = await Promise.all(
    ["instance A", "instance B"].map((label) => app.startServer({ extraEnv: { REDIS_URL: redis.url }, label }))
  )
  const { json: login } = await instances[0].api("POST", "/auth/user/emailpass", { body: ADMIN })
  const admin = { authorization: `Bearer ${login.token}` }
  const pk = { "x-publishable-api-key": store.publishable_key }
  const adminPost = (url, body) => instances[0].api("POST", url, { headers: admin, body })
  await adminPost("/admin/coupons", { code: "SOAK10", title: "Ten off", type: "percentage", percentage: 10 })
  await adminPost("/admin/coupons", { code: "SOAKLIMIT", title: "Limited", type: "fixed", amount: 2, currency_code: "usd", usage_limit: LIMITED })
  await adminPost("/admin/coupons", { code: "SOAKBIG", title: "Big spenders", type: "fixed", amount: 5, currency_code: "usd", min_spend: 500 })
  await adminPost("/admin/coupons", { code: "SOAKWALLET", title: "Wallet", type: "fixed", amount: 1, currency_code: "usd" })
  const customers = []
  for (let n = 0; n < CUSTOMERS; n++) {
    const body = { email: `soak-${n}@example.com`, password: "soak-secret" }
    const { json: reg } = await instances[n % 2].api("POST", "/auth/customer/emailpass/register", { body })
    await instances[n % 2].api("POST", "/store/customers", { headers: { ...pk, authorization: `Bearer ${reg.token}` }, body: { email: body.email } })
    const { json: session } = await instances[n % 2].api("POST", "/auth/customer/emailpass", { body })
    customers.push({ ...pk, authorization: `Bearer ${session.token}` })
  }

  const stats = { requests: 0, refusals: {}, unexpected: [], orders: 0, actions: {} }
  const rss = instances.map((i) => ({ start: groupRssMb(i.pid), end: null }))
  log(`RSS at start: A ${rss[0].start} MB, B ${rss[1].start} MB; ${WORKERS} shoppers for ${MINUTES} min`)

  /** One request through instance `i`: counted, its refusal tallied by `code`, anything unexpected kept. */
  async function call(i, method, url, { headers = pk, body, raw } = {}) {
    stats.requests += 1
    let status
    let json = null
    try {
      const res = await fetch(instances[i].base + url, {
        method,
        headers: { "content-type": "application/json", ...headers },
        body: raw ?? (body !== undefined ? JSON.stringify(body) : method === "POST" ? "{}" : undefined),
        signal: AbortSignal.timeout(60_000),
      })
      status = res.status
      const text = await res.text()
      try {
        json = text ? JSON.parse(text) : null
      } catch {
        json = { unparsed: text.slice(0, 200) }
      }
    } catch (error) {
      stats.unexpected.push(`${method} ${url}: ${error.cause?.code ?? error.message}`)
      return { status: 0, json: null }
    }
    const pluginRoute = /coupon/.test(url)
    if (status >= 500 || (status >= 400 && pluginRoute && !json?.code && status !== 401 && status !== 404)) {
      stats.unexpected.push(`${method} ${url} → ${status} ${JSON.stringify(json).slice(0, 200)}`)
    } else if (status >= 400) {
      const code = json?.code ?? `http_${status}`
      stats.refusals[code] = (stats.refusals[code] ?? 0) + 1
    }
    return { status, json }
  }

  const pick = (list) => list[Math.floor(Math.random() * list.length)]
  const variants = Object.values(store.variants)
  let serial = 0

  /** A guest's visit: a cart, coupons applied, changed and removed, a preview; sometimes a completed order. */
  async function guestVisit(i) {
    // Each guest on an address of its own, as behind a trusted proxy (rules.md §6).
    const headers = { ...pk, "x-forwarded-for": `10.${(serial >> 16) & 255}.${(serial >> 8) & 255}.${serial++ & 255}` }
    const { status, json } = await call(i, "POST", "/store/carts", {
      headers,
      body: { region_id: store.region_id, email: `guest-${serial}@example.com`, items: [{ variant_id: pick(variants), quantity: 1 }], shipping_address: ADDRESS },
    })
    if (status !== 200) return
    const cart = json.cart.id
    const other = () => (i + 1) % 2 // the next request through the other instance, as a load balancer would
    await call(i, "POST", `/store/carts/${cart}/coupon/preview`, { headers, body: { code: pick(["SOAK10", "SOAKBIG"]) } })
    await call(other(), "POST", `/store/carts/${cart}/coupon`, { headers, body: { code: pick(["SOAK10", "SOAKBIG", "SOAKLIMIT"]) } })
    await call(i, "POST", `/store/carts/${cart}/line-items`, { headers, body: { variant_id: pick(variants), quantity: 1 + Math.floor(Math.random() * 3) } })
    await call(other(), "GET", `/store/carts/${cart}/coupon`, { headers })
    if (Math.random() < 0.3) await call(i, "DELETE", `/store/carts/${cart}/coupon`, { headers })
    if (Math.random() < 0.5) return
    // Completion: the limited coupon (its uses race) or the open one.
    await call(i, "POST", `/store/carts/${cart}/coupon`, { headers, body: { code: Math.random() < 0.5 ? "SOAKLIMIT" : "SOAK10" } })
    await call(other(), "POST", `/store/carts/${cart}/shipping-methods`, { headers, body: { option_id: store.shipping_option_id } })
    const { json: pc } = await call(i, "POST", "/store/payment-collections", { headers, body: { cart_id: cart } })
    if (!pc?.payment_collection) return
    await call(i, "POST", `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { headers, body: { provider_id: "pp_system_default" } })
    const done = await call(other(), "POST", `/store/carts/${cart}/complete`, { headers })
    if (done.json?.type === "order") stats.orders += 1
  }

  /** A customer claims the wallet coupon and reads the wallet; a cart of theirs takes the best wallet coupon. */
  async function walletVisit(i) {
    const headers = pick(customers)
    await call(i, "POST", "/store/customers/me/coupons", { headers, body: { code: "SOAKWALLET" } })
    await call((i + 1) % 2, "GET", `/store/customers/me/coupons?status=${pick(["unused", "used", "expiring_soon"])}`, { headers })
    const { status, json } = await call(i, "POST", "/store/carts", { headers, body: { region_id: store.region_id, items: [{ variant_id: pick(variants), quantity: 2 }] } })
    if (status !== 200) return
    await call(i, "GET", `/store/carts/${json.cart.id}/coupon-options`, { headers })
    await call((i + 1) % 2, "POST", `/store/carts/${json.cart.id}/coupon`, { headers, body: {} })
  }

  /** A guesser (one address) sends unknown codes and malformed bodies: refusals with a code, never a 5xx. */
  async function badInput(i) {
    const headers = { ...pk, "x-forwarded-for": "10.255.255.1" }
    const { json } = await call(i, "POST", "/store/carts", { headers, body: { region_id: store.region_id } })
    const cart = json?.cart?.id ?? "cart_missing"
    const bodies = [
      { code: `GUESS${Math.random().toString(36).slice(2, 8).toUpperCase()}` },
      { code: "A\u0000B" },
      { code: 42 },
      { code: "x".repeat(5000) },
      { code: ["SOAK10"] },
      { code: { nested: { deeper: [1, 2, 3] } } },
    ]
    await call(i, "POST", `/store/carts/${cart}/coupon`, { headers, body: pick(bodies) })
    await call(i, "POST", `/store/carts/${cart}/coupon/preview`, { headers, raw: pick(["{", "null", "[]", '{"code":"\\u0000"}']) })
    await call(i, "GET", `/store/carts/${encodeURIComponent("cart_\u0001%")}/coupon`, { headers })
  }

  const ACTIONS = [
    [guestVisit, 0.6],
    [walletVisit, 0.25],
    [badInput, 0.15],
  ]
  const until = Date.now() + MINUTES * 60_000
  const t0 = Date.now()
  let lastReport = t0
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      while (Date.now() < until) {
        let r = Math.random()
        const [action] = ACTIONS.find(([, share]) => (r -= share) < 0) ?? ACTIONS[0]
        stats.actions[action.name] = (stats.actions[action.name] ?? 0) + 1
        await action(w % 2)
        if (w === 0 && Date.now() - lastReport > 60_000) {
          lastReport = Date.now()
          log(`${((Date.now() - t0) / 60_000).toFixed(1)} min: ${stats.requests} requests, ${stats.orders} orders, ${stats.unexpected.length} unexpected; RSS A ${groupRssMb(instances[0].pid)} MB, B ${groupRssMb(instances[1].pid)} MB`)
        }
      }
    })
  )
  const seconds = (Date.now() - t0) / 1000
  rss.forEach((r, i) => (r.end = groupRssMb(instances[i].pid)))
  await new Promise((r) => setTimeout(r, 3000)) // the last orders' subscribers
  const { json: consistency } = await instances[1].api("GET", "/admin/coupon-consistency", { headers: admin })
  const { rows } = await (async () => {
    const pg = (await import("pg")).default
    const db = new pg.Client({ connectionString: app.databaseUrl })
    await db.connect()
    try {
      return await db.query(`SELECT code, usage_count, usage_limit FROM coupon WHERE code LIKE 'SOAK%' AND deleted_at IS NULL ORDER BY code`)
    } finally {
      await db.end()
    }
  })()

  const result = {
    date: new Date().toISOString(),
    minutes: MINUTES,
    workers: WORKERS,
    seconds: Math.round(seconds),
    requests: stats.requests,
    requests_per_second: Number((stats.requests / seconds).toFixed(1)),
    actions: stats.actions,
    orders: stats.orders,
    refusals_by_code: Object.fromEntries(Object.entries(stats.refusals).sort((a, b) => b[1] - a[1])),
    unexpected: stats.unexpected.length,
    unexpected_first: stats.unexpected.slice(0, 10),
    rss_mb: { A: rss[0], B: rss[1] },
    coupons: rows,
    consistency_ok: consistency.consistency.ok,
    drift: consistency.consistency.drift.slice(0, 10),
    load_average: os.loadavg().map((x) => Number(x.toFixed(2))),
    cpus: os.cpus().length,
    postgres: app.postgres,
  }
  log(JSON.stringify(result, null, 2))
  log(`results in ${writeResults("soak.json", result)}`)
  const limitedOk = rows.every((c) => c.usage_limit === null || c.usage_count <= c.usage_limit)
  log(`unexpected answers: ${result.unexpected} (goal 0); consistency: ${result.consistency_ok ? "no drift" : "DRIFT"}; usage within limits: ${limitedOk}`)
  return result.unexpected === 0 && result.consistency_ok && limitedOk ? 0 : 1
}
