// `node bench/wallet.mjs`: how fast a big wallet lists.
//
// One customer holds 10,000 wallet entries (goal, issue 16: p95 of
// GET /store/customers/me/coupons, default page, at most 1.1× the p95 of
// Medusa's own GET /store/customers/me in the same run; earlier goal: under
// 50 ms, still printed), beside 200
// other customers holding 40,000 more, so the customer index has to work.
// Entries are spread over every status (unused, expiring soon, expired by
// date, expired because the coupon ended, used) and over 20 coupons.
//
// Steps (the harness is scripts/lib/medusa-app.mjs): embedded PostgreSQL
// (cluster "bench-wallet", fsync off) → a fresh database → medusa db:migrate
// → medusa user → medusa start (one process, admin disabled,
// NODE_ENV=production) → admin login, publishable key, 20 coupons through
// the admin API → a customer registered through Medusa's own auth and store
// routes → wallet entries inserted set-based in SQL → warm-up, then timed
// sequential requests, the queries interleaved → table and
// bench/results/wallet-latest.json → stop the server group, drop the
// database, stop PostgreSQL.
//
// Environment:
//   DATABASE_URL or DB_HOST (DB_PORT, DB_USERNAME, DB_PASSWORD): create the
//                      database on that PostgreSQL instead of the embedded one
//   BENCH_WALLET_N=300 measured requests per query (at least 200)
//   BENCH_WALLET_WARMUP=30 warm-up requests, not counted
//   BENCH_ENTRIES=10000 entries of the measured customer
//   BENCH_ASSERT=1     exit 1 when the default page's p95 is above 1.1× Medusa's
import os from "node:os"
import pg from "pg"
import { ADMIN, withMedusaApp } from "../scripts/lib/medusa-app.mjs"
import { lpad, pad, positiveInt, round, writeResults } from "./lib.mjs"

const N = positiveInt("BENCH_WALLET_N", 300)
const WARMUP = positiveInt("BENCH_WALLET_WARMUP", 30)
const ENTRIES = positiveInt("BENCH_ENTRIES", 10_000)
const OTHER_CUSTOMERS = 200
const OTHER_ENTRIES_EACH = 200
const COUPONS = 20
const GOAL_P95_MS = 50
const GOAL_RATIO_P95 = 1.1
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
  console.error("[bench] BENCH_WALLET_N must be at least 200")
  process.exit(2)
}

const started = Date.now()

const log = (message) => process.stdout.write(`[bench] ${message}\n`)
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`

async function main(app) {
  // --- server ---------------------------------------------------------------
  log(`PostgreSQL ${app.postgres}`)
  await app.medusa("migrate", ["db:migrate"])
  await app.medusa("admin user", ["user", "-e", ADMIN.email, "-p", ADMIN.password])
  const { api } = await app.startServer({ label: "medusa start" })

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
  const sql = new pg.Client({ connectionString: app.databaseUrl })
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
  const reference = results[QUERIES[QUERIES.length - 1].name]
  const ratioP95 = goal.p95 / reference.p95
  const ratioP50 = goal.p50 / reference.p50
  const met = ratioP95 <= GOAL_RATIO_P95
  const cpus = os.cpus()
  const lines = [
    "",
    `Wallet list — one customer with ${ENTRIES} entries (+${OTHER_CUSTOMERS * OTHER_ENTRIES_EACH} of others), ${N} requests each (+${WARMUP} warm-up), interleaved`,
    `machine: ${cpus.length} × ${cpus[0]?.model?.trim() ?? "?"}, node ${process.version}, PostgreSQL ${app.postgres}, no Redis; load average now ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`,
    "─".repeat(82),
    `${pad("GET /store/customers/me/coupons", 38)}${lpad("p50 ms", 9)}${lpad("p95 ms", 9)}${lpad("mean ms", 9)}${lpad("max ms", 9)}`,
    "─".repeat(82),
    ...QUERIES.map((q) => {
      const s = results[q.name]
      return `${pad(q.name, 38)}${lpad(s.p50.toFixed(1), 9)}${lpad(s.p95.toFixed(1), 9)}${lpad(s.mean.toFixed(1), 9)}${lpad(s.max.toFixed(1), 9)}`
    }),
    "─".repeat(82),
    `goal: default page p95 ≤ ${GOAL_RATIO_P95}× Medusa's GET /store/customers/me — ${met ? "met" : "MISSED"} ` +
      `(ratio p95 ${ratioP95.toFixed(2)}, p50 ${ratioP50.toFixed(2)}); p95 < ${GOAL_P95_MS} ms: ${goal.p95 < GOAL_P95_MS ? "met" : "MISSED"}`,
    `total run ${secs(Date.now() - started)}`,
  ]
  process.stdout.write(lines.join("\n") + "\n")

  const written = writeResults("wallet-latest.json", {
    date: new Date().toISOString(),
    entries: ENTRIES,
    other_entries: OTHER_CUSTOMERS * OTHER_ENTRIES_EACH,
    n: N,
    warmup: WARMUP,
    unit: "ms, client side, request sent → response body received",
    counts,
    results,
    machine: { cpus: cpus.length, cpu_model: cpus[0]?.model?.trim(), memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: app.postgres },
    load_average_end: os.loadavg(),
    goal_p95_ms: GOAL_P95_MS,
    goal_ratio_p95: GOAL_RATIO_P95,
    ratio_to_customers_me: { p50: Number(ratioP50.toFixed(3)), p95: Number(ratioP95.toFixed(3)) },
    goal_met: met,
  })
  log(`results written to ${written}`)
  if (process.env.BENCH_ASSERT === "1" && !met) process.exitCode = 1
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


await withMedusaApp({ name: "bench-wallet", log }, main)
