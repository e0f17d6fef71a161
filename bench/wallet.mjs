// `node bench/wallet.mjs`: how fast a big wallet lists.
//
// One customer holds 10,000 wallet entries (goal: p95 of
// GET /store/customers/me/coupons, default page, under 50 ms), beside 200
// other customers holding 40,000 more, so the customer index has to work.
// Entries are spread over every status (unused, expiring soon, expired by
// date, expired because the coupon ended, used) and over 20 coupons.
//
// Steps: embedded PostgreSQL (cluster "bench-wallet", fsync off) → a fresh
// database → medusa db:migrate → medusa user → medusa start (one process,
// admin disabled, NODE_ENV=production) → admin login, publishable key, 20
// coupons through the admin API → a customer registered through Medusa's own
// auth and store routes → wallet entries inserted set-based in SQL → warm-up,
// then timed sequential requests, the queries interleaved → table and
// bench/results/wallet-latest.json → stop the server group, drop the
// database, stop PostgreSQL.
//
// Environment:
//   BENCH_N=300        measured requests per query (at least 200)
//   BENCH_WARMUP=30    warm-up requests, not counted
//   BENCH_ENTRIES=10000 entries of the measured customer
//   BENCH_ASSERT=1     exit 1 when the default page's p95 is 50 ms or more
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
const { startEmbeddedPostgres, PROJECT_ROOT } = await import("../scripts/lib/embedded-postgres.mjs")
const { run, medusaBin } = await import("../scripts/lib/run.mjs")
const { default: pg } = await import("pg")
// embedded-postgres (async-exit-hook) stops PostgreSQL and exits on signals:
// drop those handlers, the Medusa server must stop and the database go first.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.removeAllListeners(signal)

const N = positiveInt("BENCH_N", 300)
const WARMUP = positiveInt("BENCH_WARMUP", 30)
const ENTRIES = positiveInt("BENCH_ENTRIES", 10_000)
const OTHER_CUSTOMERS = 200
const OTHER_ENTRIES_EACH = 200
const COUPONS = 20
const GOAL_P95_MS = 50
const ADMIN = { email: "bench@coupons.local", password: "bench-secret" }
const SHOPPER = { email: "wallet-bench@example.com", password: "wallet-secret" }
const QUERIES = [
  { name: "default page", path: "/store/customers/me/coupons", goal: true },
  { name: "status=expiring_soon", path: "/store/customers/me/coupons?status=expiring_soon" },
  { name: "status=used, offset 1000", path: "/store/customers/me/coupons?status=used&limit=20&offset=1000" },
  // Medusa's own route behind the same middlewares (publishable key, customer
  // auth): the floor any store route pays on this machine.
  { name: "reference: GET /store/customers/me", path: "/store/customers/me" },
]
if (N < 200) {
  console.error("[bench] BENCH_N must be at least 200")
  process.exit(2)
}

const tag = `${process.pid}-${Date.now().toString(36)}`
const database = `coupons_wallet_bench_${tag.replace(/-/g, "_")}`
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "coupons-wallet-bench-"))
const serverLog = path.join(tmp, "medusa.log")
const started = Date.now()

let db = null
let databaseCreated = false
let current = null // the medusa command running now ({ child, done, stop })
let cleaning = null

const log = (message) => process.stdout.write(`[bench] ${message}\n`)
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`

process.on("SIGINT", () => abort("SIGINT received"))
process.on("SIGTERM", () => abort("SIGTERM received"))
process.on("SIGHUP", () => abort("SIGHUP received"))

async function main() {
  // --- database and server ------------------------------------------------
  db = await startEmbeddedPostgres({ name: "bench-wallet", fast: true })
  const root = new pg.Client({ connectionString: db.url("postgres") })
  await root.connect()
  let postgresVersion
  try {
    postgresVersion = (await root.query("SHOW server_version")).rows[0].server_version
    await root.query(`CREATE DATABASE "${database}"`)
    databaseCreated = true
  } finally {
    await root.end()
  }
  log(`embedded PostgreSQL ${postgresVersion} on port ${db.port}, database ${database}`)

  const env = {
    ...process.env,
    DATABASE_URL: db.url(database),
    MEDUSA_ADMIN_DISABLED: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_ENV: "production",
  }
  delete env.npm_lifecycle_event
  await step("migrate", ["db:migrate"], env)
  await step("admin user", ["user", "-e", ADMIN.email, "-p", ADMIN.password], env)

  const port = await freePort()
  const out = fs.openSync(serverLog, "a")
  current = run(medusaBin, ["start", "--port", String(port)], { env: { ...env, PORT: String(port) }, stdio: ["ignore", out, out] })
  fs.closeSync(out)
  let exited = null
  current.done.then((code) => (exited = code))
  const base = `http://127.0.0.1:${port}`
  const until = Date.now() + 120_000
  for (;;) {
    if (exited !== null) throw new Error(`medusa start exited with code ${exited} before /health answered`)
    if (Date.now() > until) throw new Error("/health did not answer within 120 s")
    try {
      if ((await fetch(`${base}/health`, { signal: AbortSignal.timeout(2_000) })).ok) break
    } catch {
      // not up yet
    }
    await sleep(300)
  }
  current.done.then((code) => {
    if (!cleaning) abort(`the Medusa server exited (code ${code}) during the run`)
  })
  log(`medusa start on port ${port} answered /health`)
  const api = client(base)

  // --- admin: publishable key and coupons ---------------------------------
  const { json: login } = await api("POST", "/auth/user/emailpass", { body: ADMIN })
  const adminHeaders = { authorization: `Bearer ${login.token}` }
  const { json: key } = await api("POST", "/admin/api-keys", {
    headers: adminHeaders,
    body: { title: "Wallet bench", type: "publishable" },
  })
  const publishable = { "x-publishable-api-key": key.api_key.token }
  const coupons = []
  for (let i = 0; i < COUPONS; i++) {
    const percentage = i % 2 === 0
    const { json } = await api("POST", "/admin/coupons", {
      headers: adminHeaders,
      body: {
        code: `WALLET${String(i).padStart(2, "0")}`,
        title: percentage ? `${5 + i}% off` : `$${5 + i} off`,
        description: "Wallet bench coupon",
        type: percentage ? "percentage" : "fixed",
        ...(percentage ? { percentage: 5 + i, max_discount: 50 } : { amount: 5 + i }),
        currency_code: "usd",
        min_spend: 20,
        validity_days: 30,
        renewal_applicable: i % 3 === 0,
      },
    })
    coupons.push(json.coupon)
  }

  // --- the shopper, through Medusa's own registration -----------------------
  const { json: registered } = await api("POST", "/auth/customer/emailpass/register", { body: SHOPPER })
  const { json: created } = await api("POST", "/store/customers", {
    headers: { ...publishable, authorization: `Bearer ${registered.token}` },
    body: { email: SHOPPER.email, first_name: "Wallet", last_name: "Bench" },
  })
  const customerId = created.customer.id
  const { json: session } = await api("POST", "/auth/customer/emailpass", { body: SHOPPER })
  const shopperHeaders = { ...publishable, authorization: `Bearer ${session.token}` }

  // --- wallet entries, set-based --------------------------------------------
  let t = Date.now()
  const sql = new pg.Client({ connectionString: db.url(database) })
  await sql.connect()
  try {
    const couponIds = coupons.map((c) => c.id)
    const codes = coupons.map((c) => c.code)
    const seed = (owner, count, prefix) =>
      sql.query(
        `INSERT INTO coupon_wallet_entry
           (id, customer_id, code, coupon_id, source, state, received_at, expires_at, used_at, order_id)
         SELECT $3::text || i,
                $1,
                ($5::text[])[1 + i % $6],
                ($4::text[])[1 + i % $6],
                'admin',
                CASE WHEN i % 10 < 2 THEN 'used' ELSE 'available' END,
                now() - make_interval(mins => i),
                CASE WHEN i % 10 = 2 THEN now() - interval '1 day'
                     WHEN i % 10 = 3 THEN now() + interval '3 days'
                     WHEN i % 10 = 4 THEN NULL
                     ELSE now() + interval '30 days' END,
                CASE WHEN i % 10 < 2 THEN now() - make_interval(mins => i % 500) END,
                CASE WHEN i % 10 < 2 THEN 'order_bench_' || i END
         FROM generate_series(1, $2) AS i`,
        [owner, count, prefix, couponIds, codes, couponIds.length]
      )
    await seed(customerId, ENTRIES, "cwal_bench_")
    for (let c = 0; c < OTHER_CUSTOMERS; c++) {
      await seed(`cus_bench_other_${c}`, OTHER_ENTRIES_EACH, `cwal_bench_o${c}_`)
    }
    // One coupon ended yesterday: its unused entries are expired through the coupon.
    await sql.query("UPDATE coupon SET starts_at = now() - interval '60 days', ends_at = now() - interval '1 day' WHERE id = $1", [
      couponIds[COUPONS - 1],
    ])
    // What autovacuum does after a bulk insert: statistics, and the visibility
    // map that lets the counts answer from the indexes alone.
    await sql.query("VACUUM ANALYZE coupon_wallet_entry")
    await sql.query("ANALYZE coupon")
  } finally {
    await sql.end()
  }
  log(`${ENTRIES} entries for ${customerId}, ${OTHER_CUSTOMERS * OTHER_ENTRIES_EACH} for ${OTHER_CUSTOMERS} others (${secs(Date.now() - t)})`)

  // --- check the answer once ------------------------------------------------
  const { json: first } = await api("GET", QUERIES[0].path, { headers: shopperHeaders })
  const { counts } = first
  if (first.count !== ENTRIES || counts.unused + counts.used + counts.expired !== ENTRIES || first.coupons.length !== 20) {
    throw new Error(`unexpected wallet answer: count ${first.count}, counts ${JSON.stringify(counts)}, ${first.coupons.length} coupons`)
  }
  log(`wallet: count ${first.count}, counts ${JSON.stringify(counts)}`)

  // --- timing -----------------------------------------------------------------
  // Interleaved (each round asks every query once, starting with a different
  // one), so load from anything else on the machine falls on all of them alike.
  const samples = QUERIES.map(() => [])
  for (let round = 0; round < WARMUP + N; round++) {
    for (let k = 0; k < QUERIES.length; k++) {
      const qi = (round + k) % QUERIES.length
      const { ms } = await api("GET", QUERIES[qi].path, { headers: shopperHeaders })
      if (round >= WARMUP) samples[qi].push(ms)
    }
  }
  const results = Object.fromEntries(
    QUERIES.map((q, qi) => [q.name, { path: q.path, ...summarize(samples[qi]), samples: samples[qi].map(round) }])
  )

  const goal = results[QUERIES[0].name]
  const met = goal.p95 < GOAL_P95_MS
  const cpus = os.cpus()
  const lines = [
    "",
    `Wallet list — one customer with ${ENTRIES} entries (+${OTHER_CUSTOMERS * OTHER_ENTRIES_EACH} of others), ${N} requests each (+${WARMUP} warm-up), interleaved`,
    `machine: ${cpus.length} × ${cpus[0]?.model?.trim() ?? "?"}, node ${process.version}, PostgreSQL ${postgresVersion} (embedded, fsync off), no Redis`,
    "─".repeat(82),
    `${pad("GET /store/customers/me/coupons", 38)}${lpad("p50 ms", 9)}${lpad("p95 ms", 9)}${lpad("mean ms", 9)}${lpad("max ms", 9)}`,
    "─".repeat(82),
    ...QUERIES.map((q) => {
      const s = results[q.name]
      return `${pad(q.name, 38)}${lpad(s.p50.toFixed(1), 9)}${lpad(s.p95.toFixed(1), 9)}${lpad(s.mean.toFixed(1), 9)}${lpad(s.max.toFixed(1), 9)}`
    }),
    "─".repeat(82),
    `goal: default page p95 < ${GOAL_P95_MS} ms — ${met ? "met" : "MISSED"} (${goal.p95.toFixed(1)} ms)`,
    `total run ${secs(Date.now() - started)}`,
  ]
  process.stdout.write(lines.join("\n") + "\n")

  const resultsDir = path.join(BENCH_DIR, "results")
  fs.mkdirSync(resultsDir, { recursive: true })
  fs.writeFileSync(
    path.join(resultsDir, "wallet-latest.json"),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        entries: ENTRIES,
        other_entries: OTHER_CUSTOMERS * OTHER_ENTRIES_EACH,
        n: N,
        warmup: WARMUP,
        unit: "ms, client side, request sent → response body received",
        counts,
        results,
        goal_p95_ms: GOAL_P95_MS,
        goal_met: met,
      },
      null,
      2
    ) + "\n"
  )
  log("results written to bench/results/wallet-latest.json")
  if (process.env.BENCH_ASSERT === "1" && !met) process.exitCode = 1
}

/** fetch with JSON, an expected status and the time to the full response body. */
function client(base) {
  return async function api(method, url, { headers = {}, body, expect = 200 } = {}) {
    const t0 = performance.now()
    const res = await fetch(base + url, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    })
    const text = await res.text()
    const ms = performance.now() - t0
    if (res.status !== expect) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 600)}`)
    return { json: text ? JSON.parse(text) : null, ms }
  }
}

async function step(title, args, env) {
  const t = Date.now()
  const out = fs.openSync(serverLog, "a")
  current = run(medusaBin, args, { env, stdio: ["ignore", out, out] })
  fs.closeSync(out)
  const code = await current.done
  current = null
  if (code !== 0) throw new Error(`medusa ${args.join(" ")} exited with code ${code}`)
  log(`${title}: medusa ${args[0]} (${secs(Date.now() - t)})`)
}

async function abort(reason) {
  if (cleaning) return
  console.error(`\n[bench] ${reason}: stopping`)
  await cleanup({ keepLogs: true })
  process.exit(1)
}

/** Stops the server group, drops the database, stops PostgreSQL. Idempotent. */
function cleanup({ keepLogs = false } = {}) {
  cleaning ??= (async () => {
    if (current) {
      current.stop("SIGTERM")
      await Promise.race([current.done, sleep(15_000)])
      current.stop("SIGKILL")
      current = null
    }
    if (db && databaseCreated) {
      const root = new pg.Client({ connectionString: db.url("postgres") })
      try {
        await root.connect()
        await root.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      } catch (e) {
        log(`could not drop database ${database}: ${e?.message ?? e}`)
      } finally {
        await root.end().catch(() => {})
      }
    }
    if (db) await db.stop().catch((e) => log(`could not stop PostgreSQL: ${e?.message ?? e}`))
    if (keepLogs) log(`logs kept in ${tmp}`)
    else fs.rmSync(tmp, { recursive: true, force: true })
  })()
  return cleaning
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const q = (p) => {
    const pos = (sorted.length - 1) * p
    const lo = Math.floor(pos)
    return sorted[lo] + (sorted[Math.ceil(pos)] - sorted[lo]) * (pos - lo)
  }
  return {
    n: values.length,
    p50: round(q(0.5)),
    p95: round(q(0.95)),
    mean: round(values.reduce((a, b) => a + b, 0) / values.length),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  }
}

function positiveInt(name, fallback) {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) {
    console.error(`[bench] ${name} must be a positive integer, got "${raw}"`)
    process.exit(2)
  }
  return n
}

const round = (x) => Number(x.toFixed(2))
const pad = (s, n) => String(s).padEnd(n)
const lpad = (s, n) => String(s).padStart(n)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

try {
  await main()
  await cleanup()
  process.exit(process.exitCode ?? 0)
} catch (error) {
  console.error(`\n[bench] FAILED: ${error?.stack ?? error}`)
  try {
    console.error(`\n[bench] last lines of the server log:\n${fs.readFileSync(serverLog, "utf8").split("\n").slice(-40).join("\n")}`)
  } catch {
    // no log
  }
  await cleanup({ keepLogs: true })
  process.exit(1)
}
