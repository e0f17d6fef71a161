// `node bench/hot-coupon.mjs`: a flash sale's checkout rush on two instances.
//
// Two `medusa start` instances on one database with the Redis event bus,
// workflow engine, locking and cache (as scripts/check-multi-instance.mjs
// starts them). BENCH_HOT_CARTS carts carry one coupon limited to
// BENCH_HOT_LIMIT uses; as many identical carts carry no discount. Each set
// is completed all at once (every request sent together, alternating between
// the instances), the coupon set first, then the plain set (more rounds
// alternate the order); the figure is the wall time of a whole set, from the
// first request sent to the last answer.
//   goal: coupon set / plain set ≤ 1.0 (both rounds summed), and the limit
//         exact: BENCH_HOT_LIMIT orders, every other cart refused with the
//         limit's message, the coupon's usage_count equal to the limit.
// Carts are prepared untimed (items, shipping address and method, payment
// collection and session; the coupon applied on the coupon set). An untimed
// warm-up rush (40 + 40 carts) comes first, and each set starts on a quiet
// machine (lib.mjs waitForQuiet).
//
// Without Redis it says so and skips (exit 0), unless CI=true.
//
// Environment:
//   REDIS_URL            Redis to use (default redis://127.0.0.1:6379; database 9, flushed)
//   DATABASE_URL or DB_HOST (DB_PORT, DB_USERNAME, DB_PASSWORD): as the other benchmarks
//   BENCH_HOT_CARTS=200  carts per set and round
//   BENCH_HOT_LIMIT=150  the coupon's usage limit (below BENCH_HOT_CARTS: the rush hits it)
//   BENCH_HOT_ROUNDS=2   rounds (each: both sets, the order alternating, the coupon set first in round 1,
//                        so the warm-up a second set meets is shared out)
//   BENCH_ASSERT=1       exit 1 when the ratio is above 1.0 or the limit is not exact
//   BENCH_KEEP_LOGS=1    keep the server log
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { ADMIN, client, withMedusaApp } from "../scripts/lib/medusa-app.mjs"
import { connectRedis } from "../scripts/lib/redis.mjs"
import { positiveInt, round, waitForQuiet, writeResults } from "./lib.mjs"

const CARTS = positiveInt("BENCH_HOT_CARTS", 200)
const WARMUP_CARTS = 40
const LIMIT = positiveInt("BENCH_HOT_LIMIT", 150)
const ROUNDS = positiveInt("BENCH_HOT_ROUNDS", 2)
const REDIS_DB = 9
const PREPARE_CONCURRENCY = 8

const started = Date.now()
const log = (message) => process.stdout.write(`[bench] ${message}\n`)
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`

async function main(app) {
  const redis = await connectRedis({ db: REDIS_DB, log })
  if (!redis) {
    writeResults("hot-coupon-latest.json", { date: new Date().toISOString(), skipped: "no Redis" })
    if (process.env.CI === "true") process.exitCode = 1
    return
  }
  try {
    await redis.flush()
    await run(app, redis.url)
  } finally {
    await redis.close()
  }
}

async function run(app, redisUrl) {
  const seedOut = path.join(app.tmpDir, "seed.json")
  log(`PostgreSQL ${app.postgres}, Redis ${redisUrl}`)
  await app.medusa("migrate", ["db:migrate"])
  await app.medusa("admin user", ["user", "-e", ADMIN.email, "-p", ADMIN.password])
  await app.medusa("seed", ["exec", "./bench/seed.ts"], { BENCH_SEED_OUT: seedOut })
  const store = JSON.parse(fs.readFileSync(seedOut, "utf8"))
  const redisEnv = { REDIS_URL: redisUrl }
  const instances = await Promise.all([
    app.startServer({ extraEnv: redisEnv, label: "instance A" }),
    app.startServer({ extraEnv: redisEnv, label: "instance B" }),
  ])
  const [a] = instances
  const { json: login } = await a.api("POST", "/auth/user/emailpass", { body: ADMIN })
  const admin = { authorization: `Bearer ${login.token}` }
  const headers = { "x-publishable-api-key": store.publishable_key }

  // An untimed rush first: the first rush on fresh instances pays for their
  // cold start (JIT, the pools' connections), and round 1's first set would
  // carry it alone. Both kinds of cart, the coupon's limit reached.
  {
    await a.api("POST", "/admin/coupons", {
      headers: admin,
      body: { code: "HOTWARMUP", title: "Warm-up", type: "fixed", amount: 5, currency_code: "usd", usage_limit: WARMUP_CARTS / 2 },
    })
    const plain = await prepareCarts(instances, headers, store, "warmup-plain", null, WARMUP_CARTS)
    const coupon = await prepareCarts(instances, headers, store, "warmup-coupon", "HOTWARMUP", WARMUP_CARTS)
    await waitForQuiet(app.databaseUrl, { cpu: true })
    const t0 = Date.now()
    const sets = await Promise.all([rush(instances, headers, plain), rush(instances, headers, coupon)])
    log(`warm-up: ${WARMUP_CARTS} plain and ${WARMUP_CARTS} coupon carts completed at once in ${secs(Date.now() - t0)} (untimed; ${sets[0].orders + sets[1].orders} orders)`)
  }

  const rounds = []
  for (let r = 0; r < ROUNDS; r++) {
    const code = `HOT${r}`
    await a.api("POST", "/admin/coupons", {
      headers: admin,
      body: { code, title: `Flash sale ${r}`, type: "fixed", amount: 5, currency_code: "usd", usage_limit: LIMIT },
    })
    const t0 = Date.now()
    const plain = await prepareCarts(instances, headers, store, `plain-${r}`, null)
    const coupon = await prepareCarts(instances, headers, store, `coupon-${r}`, code)
    log(`round ${r + 1}: ${CARTS} plain carts and ${CARTS} carts with ${code} (usage_limit ${LIMIT}) ready (${secs(Date.now() - t0)})`)
    // Each set starts on a quiet machine: the preparation's background work
    // (events, subscribers, autovacuum) and the set before's are done.
    const quiet = async (before) => log(`  quiet before ${before} after ${secs(await waitForQuiet(app.databaseUrl, { cpu: true }))}`)
    // The coupon set goes first in round 1: the set that runs second meets a warmer server.
    const order = r % 2 === 0 ? ["coupon", "plain"] : ["plain", "coupon"]
    const sets = {}
    for (const kind of order) {
      await quiet(`the ${kind} set`)
      sets[kind] = await rush(instances, headers, kind === "plain" ? plain : coupon)
      const { orders, refusals } = sets[kind].answered
      const when = (x) => (x ? `${secs(x.first_ms)} / ${secs(x.p50_ms)} / ${secs(x.last_ms)}` : "none")
      log(
        `  ${kind}: ${sets[kind].orders} orders, ${sets[kind].refused} refused in ${secs(sets[kind].wall_ms)} (p50 ${sets[kind].p50_ms} ms, p95 ${sets[kind].p95_ms} ms); ` +
          `answered first / median / last: orders ${when(orders)}, refusals ${when(refusals)}`
      )
    }
    const { json: listed } = await a.api("GET", `/admin/coupons?q=${code}`, { headers: admin })
    const usageCount = listed.coupons.find((c) => c.code === code)?.usage_count
    const limitExact =
      sets.coupon.orders === LIMIT &&
      sets.coupon.limit_refusals === CARTS - LIMIT &&
      sets.coupon.other_failures.length === 0 &&
      usageCount === LIMIT
    if (sets.plain.orders !== CARTS) throw new Error(`plain set: ${sets.plain.orders} of ${CARTS} orders: ${JSON.stringify(sets.plain.other_failures.slice(0, 3))}`)
    rounds.push({ code, order, plain: strip(sets.plain), coupon: strip(sets.coupon), usage_count: usageCount, limit_exact: limitExact })
  }

  const plainMs = rounds.reduce((a, r) => a + r.plain.wall_ms, 0)
  const couponMs = rounds.reduce((a, r) => a + r.coupon.wall_ms, 0)
  const ratio = couponMs / plainMs
  const limitExact = rounds.every((r) => r.limit_exact)
  const cpus = os.cpus()
  const lines = [
    "",
    `Hot coupon — ${CARTS} simultaneous completions per set over two instances (Redis), coupon usage_limit ${LIMIT}`,
    `machine: ${cpus.length} × ${cpus[0]?.model?.trim() ?? "?"}, node ${process.version}, PostgreSQL ${app.postgres}; load average now ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`,
    "─".repeat(90),
    ...rounds.map(
      (r, i) =>
        `round ${i + 1} (${r.order.join(" then ")}): plain ${secs(r.plain.wall_ms)} (${r.plain.orders} orders), ` +
        `coupon ${secs(r.coupon.wall_ms)} (${r.coupon.orders} orders, ${r.coupon.limit_refusals} refused at the limit), usage_count ${r.usage_count}: limit ${r.limit_exact ? "exact" : "NOT EXACT"}`
    ),
    "─".repeat(90),
    `coupon / plain wall time ${ratio.toFixed(2)} (goal ≤ 1.00: ${ratio <= 1 ? "met" : "MISSED"}); limit exact in every round: ${limitExact ? "yes" : "NO"}`,
    `total run ${secs(Date.now() - started)}`,
  ]
  process.stdout.write(lines.join("\n") + "\n")
  const file = writeResults("hot-coupon-latest.json", {
    date: new Date().toISOString(),
    machine: { cpus: cpus.length, cpu_model: cpus[0]?.model?.trim(), memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: app.postgres },
    load_average_end: os.loadavg(),
    carts: CARTS,
    limit: LIMIT,
    rounds,
    ratio: Number(ratio.toFixed(3)),
    goal_met: ratio <= 1,
    limit_exact: limitExact,
  })
  log(`results written to ${file}`)
  if (process.env.BENCH_ASSERT === "1" && !(ratio <= 1 && limitExact)) process.exitCode = 1
}

const strip = ({ latencies, ...rest }) => rest

/** `count` carts ready to complete, made alternately on both instances, a few at a time. */
async function prepareCarts(instances, headers, store, tag, code, count = CARTS) {
  const ids = new Array(count)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const { api } = instances[i % 2]
      const { json } = await api("POST", "/store/carts", {
        headers,
        body: {
          region_id: store.region_id,
          email: `hot-${tag}-${i}@example.com`,
          items: [
            { variant_id: store.variants.tee, quantity: 1 },
            { variant_id: store.variants.mug, quantity: 1 },
          ],
          shipping_address: { first_name: "A", last_name: "B", address_1: "1 St", city: "NYC", country_code: "us", postal_code: "10001" },
        },
      })
      const id = json.cart.id
      if (code) await api("POST", `/store/carts/${id}/coupon`, { headers, body: { code } })
      await api("POST", `/store/carts/${id}/shipping-methods`, { headers, body: { option_id: store.shipping_option_id } })
      const { json: pc } = await api("POST", "/store/payment-collections", { headers, body: { cart_id: id } })
      await api("POST", `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, {
        headers,
        body: { provider_id: "pp_system_default" },
      })
      ids[i] = id
    }
  }
  await Promise.all(Array.from({ length: PREPARE_CONCURRENCY }, worker))
  return ids
}

/** Completes every cart at once, alternating instances; wall time and outcomes. */
async function rush(instances, headers, cartIds) {
  const t0 = performance.now()
  const outcomes = await Promise.all(
    cartIds.map(async (id, i) => {
      const s = performance.now()
      // A rush of hundreds of completions on a small machine: the last answers take minutes, not the usual 60 s limit.
      const { json, status } = await client(instances[(i + 1) % 2].base, { timeout: 600_000 })("POST", `/store/carts/${id}/complete`, {
        headers,
        expect: [200, 400, 409],
      })
      return { ms: performance.now() - s, order: status === 200 && json?.type === "order", status, message: json?.message ?? json?.error?.message }
    })
  )
  const wall = performance.now() - t0
  const latencies = outcomes.map((o) => o.ms).sort((x, y) => x - y)
  const q = (p) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))])
  const refusals = outcomes.filter((o) => !o.order)
  const atLimit = refusals.filter((o) => /reached its usage limit/.test(o.message ?? ""))
  // When each kind of answer came: what the set's slowest requests were.
  const spread = (list) => {
    const ms = list.map((o) => o.ms).sort((x, y) => x - y)
    return ms.length ? { first_ms: round(ms[0]), p50_ms: round(ms[Math.floor(ms.length / 2)]), last_ms: round(ms[ms.length - 1]) } : null
  }
  return {
    wall_ms: round(wall),
    p50_ms: q(0.5),
    p95_ms: q(0.95),
    answered: { orders: spread(outcomes.filter((o) => o.order)), refusals: spread(refusals) },
    orders: outcomes.length - refusals.length,
    refused: refusals.length,
    limit_refusals: atLimit.length,
    other_failures: refusals.filter((o) => !atLimit.includes(o)).map((o) => ({ status: o.status, message: o.message })),
    latencies,
  }
}

await withMedusaApp({ name: "bench-hot", log, keepLogs: process.env.BENCH_KEEP_LOGS === "1" }, main)
