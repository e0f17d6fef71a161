// `npm run bench`: the coupon against Medusa's own promotions, on one server.
//
// Builds identical 10-line carts and times, client side, over one HTTP
// keep-alive connection:
//   apply     POST /store/carts/:id/coupon {code}          (this plugin)
//             POST /store/carts/:id/promotions {promo_codes} (Medusa, an
//             equivalent fixed promotion: target items, allocation "across")
//   preview   POST /store/carts/:id/coupon/preview {code} on the coupon's cart
//             just before it is applied (nothing written): goal, cheaper than
//             applying (p50 and p95 below the coupon's apply)
//   promo_codes  POST /store/carts/:id {promo_codes: [code]} for both: what
//             a storefront's promotion-code box sends (sdk.store.cart.update),
//             on a second pair of carts

//   complete  POST /store/carts/:id/complete for a cart carrying the coupon
//             and for one carrying the promotion (shipping method, payment
//             collection and session set up before, untimed)
// Variants are interleaved (ABAB, the first one alternating per iteration),
// after a few warm-up iterations that are not counted. Every pair of carts is
// checked: same discount_total and total after apply, after shipping and on
// the order; any difference or error stops the run (exit code 1).
//
// Printed: p50/p95/mean/min per operation and variant, and the coupon/
// promotion ratios of p50, p95 and mean, plus "paired": the median of the
// per-iteration ratios, which is the figure to trust on a busy machine (both
// carts of an iteration run seconds apart, so load drift cancels out).
//
// Steps (the harness is scripts/lib/medusa-app.mjs): embedded PostgreSQL
// (cluster "bench", fsync off) → a fresh database → medusa db:migrate →
// medusa user → medusa exec bench/seed.ts → medusa start (one process,
// NODE_ENV=production, admin disabled) on a free port until /health answers →
// admin login, coupon + promotion → iterations → table, ratios and
// bench/results/latest.json → stop the server group, drop the database, stop
// PostgreSQL.
//
// Environment:
//   DATABASE_URL or DB_HOST (DB_PORT, DB_USERNAME, DB_PASSWORD): create the
//                     database on that PostgreSQL instead of the embedded one
//   BENCH_N=30        measured iterations (each: one cart per variant)
//   BENCH_WARMUP=3    warm-up iterations, not counted
//   BENCH_SQL=1       also count the SQL statements each timed request sends
//                     (preloads bench/sql-counter.cjs into the server; timings
//                     are then perturbed, results go to latest-sql.json)
//   BENCH_PROFILE_N=8 iterations of the profile phase (0: skip it): after the
//                     timed iterations the server is restarted with
//                     bench/profiler.cjs preloaded, and each apply, promo_codes
//                     and complete request is broken down into Medusa workflow
//                     steps (with durations), SQL statements (count and time
//                     by table) and server time; printed and kept in the results
//   BENCH_ASSERT=1    exit 1 when a coupon/promotion ratio misses its goal
//                     (apply and promo_codes ≤ 0.8, complete ≤ 0.9, p50 and p95)
//   BENCH_KEEP_LOGS=1 keep the server log (in the system temp folder)
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { PROJECT_ROOT } from "../scripts/lib/embedded-postgres.mjs"
import { ADMIN, withMedusaApp } from "../scripts/lib/medusa-app.mjs"
import { lpad, pad, positiveInt, round, stepDifference, writeResults } from "./lib.mjs"

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))

const N = positiveInt("BENCH_N", 30)
const WARMUP = positiveInt("BENCH_WARMUP", 3, { allowZero: true })
const SQL = process.env.BENCH_SQL === "1"
const ASSERT = process.env.BENCH_ASSERT === "1"
const DISCOUNT = 25 // USD, both variants
const COUPON_CODE = "BENCHCOUPON25"
const PROMO_CODE = "BENCHPROMO25"
const LINES = ["tee", "hoodie", "mug", "cap", "poster", "ebook", "crate", "jacket", "socks", "scarf"]
const VARIANTS = ["coupon", "promotion"]
const OPERATIONS = ["apply", "promo_codes", "complete"]
// Issue 16: a coupon needs less work than Medusa's general promotion engine.
const GOALS = { apply: 0.8, promo_codes: 0.8, complete: 0.9 }
const PROFILE_N = positiveInt("BENCH_PROFILE_N", 8, { allowZero: true })
const PROFILE_WARMUP = 2
const KEEP_LOGS = process.env.BENCH_KEEP_LOGS === "1"

const started = Date.now()
const tag = `${process.pid}-${Date.now().toString(36)}`

const log = (message) => process.stdout.write(`[bench] ${message}\n`)
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`

async function main(app) {
  const { env } = app
  const seedOut = path.join(app.tmpDir, "seed.json")
  const sqlLog = path.join(app.tmpDir, "sql.log")
  log(`PostgreSQL ${app.postgres}`)

  await app.medusa("migrate", ["db:migrate"])
  await app.medusa("admin user", ["user", "-e", ADMIN.email, "-p", ADMIN.password])
  await app.medusa("seed", ["exec", "./bench/seed.ts"], { BENCH_SEED_OUT: seedOut })
  const store = JSON.parse(fs.readFileSync(seedOut, "utf8"))
  for (const line of LINES) if (!store.variants[line]) throw new Error(`seed has no variant for ${line}`)

  // --- server -------------------------------------------------------------
  const serverEnv = {}
  if (SQL) {
    serverEnv.BENCH_SQL_LOG = sqlLog
    serverEnv.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${path.join(BENCH_DIR, "sql-counter.cjs")}`.trim()
  }
  log(`medusa start (NODE_ENV=production, admin disabled${env.REDIS_URL ? ", REDIS_URL set" : ", no Redis: in-memory modules"})`)
  const server = await app.startServer({ extraEnv: serverEnv, label: "medusa start" })
  const { api } = server

  // --- admin: coupon and the equivalent promotion -------------------------
  const { json: login } = await api("POST", "/auth/user/emailpass", { body: ADMIN })
  if (!login?.token) throw new Error(`admin login returned no token: ${JSON.stringify(login)}`)
  const adminHeaders = { authorization: `Bearer ${login.token}` }
  const { json: couponRes } = await api("POST", "/admin/coupons", {
    headers: adminHeaders,
    body: { code: COUPON_CODE, title: `Bench $${DISCOUNT} off`, type: "fixed", amount: DISCOUNT, currency_code: "usd" },
    expect: [200, 201],
  })
  const { json: promoRes } = await api("POST", "/admin/promotions", {
    headers: adminHeaders,
    body: {
      code: PROMO_CODE,
      type: "standard",
      status: "active",
      is_automatic: false,
      application_method: {
        type: "fixed",
        target_type: "items",
        allocation: "across",
        value: DISCOUNT,
        currency_code: "usd",
      },
    },
    expect: [200, 201],
  })
  log(
    `coupon ${COUPON_CODE} (${couponRes.coupon?.id}, fixed $${DISCOUNT}, allocation ${couponRes.coupon?.allocation ?? "?"}) and ` +
      `promotion ${PROMO_CODE} (${promoRes.promotion?.id}, fixed $${DISCOUNT} across items)`
  )

  // --- iterations ---------------------------------------------------------
  const storeHeaders = { "x-publishable-api-key": store.publishable_key }
  const samples = Object.fromEntries(OPERATIONS.map((op) => [op, { coupon: [], promotion: [] }]))
  const sqlCounts = Object.fromEntries(OPERATIONS.map((op) => [op, { coupon: [], promotion: [] }]))
  const subtotal = LINES.reduce((sum, line) => sum + store.prices[line], 0)
  let sqlOffset = 0
  const sqlMark = async () => {
    // Let work triggered by the previous request settle, then skip its statements.
    await sleep(300)
    sqlOffset = fs.existsSync(sqlLog) ? fs.statSync(sqlLog).size : 0
  }
  const sqlCollect = async (t0, t1) => {
    await sleep(300)
    const text = readFrom(sqlLog, sqlOffset)
    const statements = text.split("\n").filter(Boolean).map((l) => {
      const i = l.indexOf("\t")
      return { at: Number(l.slice(0, i)), sql: l.slice(i + 1) }
    })
    const during = statements.filter((s) => s.at >= t0 - 1 && s.at <= t1 + 1)
    const after = statements.filter((s) => s.at > t1 + 1)
    return { in_request: during.length, after_response: after.length, statements: during.map((s) => s.sql), after: after.map((s) => s.sql) }
  }

  /** A timed store call; in SQL mode, also the statements it sent. */
  const timed = async (op, variant, measured, method, url, body) => {
    if (SQL) await sqlMark()
    const w0 = Date.now()
    const res = await api(method, url, { headers: storeHeaders, body })
    const w1 = Date.now()
    if (measured) {
      samples[op][variant].push(res.ms)
      if (SQL) sqlCounts[op][variant].push(await sqlCollect(w0, w1))
    }
    return res.json
  }

  const previewSamples = []
  /**
   * `warmup` + `count` iterations on the server behind `api`, each: two
   * pairs of carts, preview, apply (route and promo_codes), untimed
   * shipping and payment, complete; every request to compare goes through
   * `timed(op, variant, measured, method, url, body)`.
   */
  const runIterations = async (api, { count, warmup, phase, timed, progress = true }) => {
  const total = warmup + count
  const t = Date.now()
  for (let i = 0; i < total; i++) {
    const measured = i >= warmup
    const order = i % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()
    const createCart = async (v, kind) => {
      const { json } = await api("POST", "/store/carts", {
        headers: storeHeaders,
        body: {
          region_id: store.region_id,
          email: `bench-${tag}-${phase}-${i}-${kind}-${v}@example.com`,
          items: LINES.map((line) => ({ variant_id: store.variants[line], quantity: 1 })),
          shipping_address: { first_name: "A", last_name: "B", address_1: "1 St", city: "NYC", country_code: "us", postal_code: "10001" },
        },
      })
      const cart = json.cart
      if (cart.items?.length !== LINES.length) throw new Error(`cart ${cart.id} has ${cart.items?.length} lines, expected ${LINES.length}`)
      if (!near(cart.item_subtotal, subtotal)) throw new Error(`cart ${cart.id} item_subtotal ${cart.item_subtotal}, expected ${subtotal}`)
      return cart
    }
    const carts = {}
    const promoCodeCarts = {}
    for (const v of order) {
      carts[v] = await createCart(v, "route")
      promoCodeCarts[v] = await createCart(v, "promo-codes")
    }

    // (a) preview, then apply
    {
      const { json, ms } = await api("POST", `/store/carts/${carts.coupon.id}/coupon/preview`, { headers: storeHeaders, body: { code: COUPON_CODE } })
      if (measured && phase === "timed") previewSamples.push(ms)
      if (!json.preview?.eligible || !near(json.preview.discount_total, DISCOUNT)) {
        throw new Error(`preview on cart ${carts.coupon.id}: ${JSON.stringify(json).slice(0, 400)}`)
      }
    }
    const applied = {}
    for (const v of order) {
      const id = carts[v].id
      const json =
        v === "coupon"
          ? await timed("apply", v, measured, "POST", `/store/carts/${id}/coupon`, { code: COUPON_CODE })
          : await timed("apply", v, measured, "POST", `/store/carts/${id}/promotions`, { promo_codes: [PROMO_CODE] })
      applied[v] = json.cart
    }
    checkPair(`iteration ${i} after apply`, applied, (cart) => cart, { adjustedLines: true })
    if (!applied.promotion.promotions?.some((p) => p.code === PROMO_CODE)) {
      throw new Error(`cart ${applied.promotion.id} does not list promotion ${PROMO_CODE}`)
    }

    // (a') apply through promo_codes, as a storefront's code box does
    const viaPromoCodes = {}
    for (const v of order) {
      const code = v === "coupon" ? COUPON_CODE : PROMO_CODE
      const json = await timed("promo_codes", v, measured, "POST", `/store/carts/${promoCodeCarts[v].id}`, { promo_codes: [code] })
      viaPromoCodes[v] = json.cart
      if (!json.cart.promotions?.some((p) => p.code === code)) {
        throw new Error(`cart ${json.cart.id} does not list ${code} among its promotions`)
      }
    }
    checkPair(`iteration ${i} after apply through promo_codes`, viaPromoCodes, (cart) => cart, { adjustedLines: false })

    // Untimed: shipping method, payment collection and session.
    const ready = {}
    for (const v of order) ready[v] = await prepareForCompletion(api, storeHeaders, store, carts[v].id)
    checkPair(`iteration ${i} after shipping and payment`, ready, (cart) => cart, { adjustedLines: true })

    // (b) complete
    const orders = {}
    for (const v of order) {
      const json = await timed("complete", v, measured, "POST", `/store/carts/${carts[v].id}/complete`)
      if (json?.type !== "order" || !json.order?.id) {
        throw new Error(`completing cart ${carts[v].id} (${v}) did not create an order: ${JSON.stringify(json).slice(0, 600)}`)
      }
      orders[v] = json.order
    }
    checkPair(`iteration ${i} orders`, orders, (o) => o, { adjustedLines: true })

    if (progress && (i === warmup - 1 || (measured && (i - warmup + 1) % 10 === 0) || i === total - 1)) {
      log(`  ${measured ? `${i - warmup + 1}/${count} measured` : "warm-up done"} (${secs(Date.now() - t)})`)
    }
  }
  return Date.now() - t
  }

  const loadStart = os.loadavg().map((x) => Number(x.toFixed(2)))
  log(`${WARMUP} warm-up + ${N} measured iterations, 10-line carts (subtotal $${subtotal}), $${DISCOUNT} off each`)
  const iterationsMs = await runIterations(api, { count: N, warmup: WARMUP, phase: "timed", timed })
  const loadEnd = os.loadavg().map((x) => Number(x.toFixed(2)))
  let profile = null
  if (PROFILE_N > 0) {
    await server.stop()
    profile = await profilePhase(app, runIterations, storeHeaders)
  }

  // --- report -------------------------------------------------------------
  const stats = {}
  for (const op of OPERATIONS) {
    stats[op] = {}
    for (const v of VARIANTS) stats[op][v] = summarize(samples[op][v])
    stats[op].ratio = {
      p50: stats[op].coupon.p50 / stats[op].promotion.p50,
      p95: stats[op].coupon.p95 / stats[op].promotion.p95,
      mean: stats[op].coupon.mean / stats[op].promotion.mean,
      // Median of coupon/promotion within each iteration: the two carts of an
      // iteration ran seconds apart, so drifting machine load cancels out.
      paired_p50: quantile(
        samples[op].coupon.map((c, k) => c / samples[op].promotion[k]).sort((a, b) => a - b),
        0.5
      ),
    }
  }
  const cpus = os.cpus()
  const machine = {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model?.trim() ?? "?",
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    medusa: readVersion("@medusajs/medusa"),
    postgres: app.postgres,
    redis: env.REDIS_URL ? "yes" : "no (in-memory event bus, workflow engine, locking, cache)",
    load_average_start: loadStart,
    load_average_end: loadEnd,
  }

  const lines = []
  const rule = "─".repeat(66)
  lines.push("")
  lines.push(`Coupon vs Medusa promotion — ${LINES.length}-line carts, $${DISCOUNT} off, one server`)
  lines.push(`N = ${N} per variant (+${WARMUP} warm-up), interleaved ABAB${SQL ? " — SQL logging ON: timings perturbed" : ""}`)
  lines.push(`machine: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, ${machine.platform}`)
  lines.push(`node ${machine.node}, Medusa ${machine.medusa}, PostgreSQL ${machine.postgres}, Redis: ${env.REDIS_URL ? "yes" : "no"}`)
  lines.push(`load average (1 min) ${machine.load_average_start[0]} at the start of the iterations, ${machine.load_average_end[0]} at the end`)
  lines.push(rule)
  lines.push(`${pad("operation", 13)}${pad("variant", 12)}${lpad("p50 ms", 10)}${lpad("p95 ms", 10)}${lpad("mean ms", 10)}${lpad("min ms", 10)}`)
  lines.push(rule)
  for (const op of OPERATIONS) {
    for (const v of VARIANTS) {
      const s = stats[op][v]
      lines.push(`${pad(op, 13)}${pad(v, 12)}${lpad(s.p50.toFixed(1), 10)}${lpad(s.p95.toFixed(1), 10)}${lpad(s.mean.toFixed(1), 10)}${lpad(s.min.toFixed(1), 10)}`)
    }
  }
  lines.push(rule)
  lines.push(`${pad("ratio coupon/promotion", 22)}${lpad("p50", 8)}${lpad("p95", 8)}${lpad("mean", 8)}${lpad("paired", 8)}   goal (p50, p95)`)
  let missed = false
  for (const op of OPERATIONS) {
    const r = stats[op].ratio
    const ok = r.p50 <= GOALS[op] && r.p95 <= GOALS[op]
    if (!ok) missed = true
    lines.push(`${pad(op, 22)}${lpad(r.p50.toFixed(2), 8)}${lpad(r.p95.toFixed(2), 8)}${lpad(r.mean.toFixed(2), 8)}${lpad(r.paired_p50.toFixed(2), 8)}   ≤ ${GOALS[op].toFixed(2)}: ${ok ? "met" : "MISSED"}`)
  }
  lines.push(`(goal judged on p50 and p95; "paired" = median of the per-iteration coupon/promotion ratios)`)
  lines.push(rule)
  const preview = summarize(previewSamples)
  const previewOk = preview.p50 < stats.apply.coupon.p50 && preview.p95 < stats.apply.coupon.p95
  lines.push(
    `${pad("preview", 10)}${pad("coupon", 12)}${lpad(preview.p50.toFixed(1), 10)}${lpad(preview.p95.toFixed(1), 10)}${lpad(preview.mean.toFixed(1), 10)}${lpad(preview.min.toFixed(1), 10)}`
  )
  lines.push(
    `preview/apply (coupon): p50 ${(preview.p50 / stats.apply.coupon.p50).toFixed(2)}, p95 ${(preview.p95 / stats.apply.coupon.p95).toFixed(2)}   goal < 1.00: ${previewOk ? "met" : "MISSED"}`
  )
  lines.push(rule)

  let sqlSummary = null
  if (SQL) {
    sqlSummary = summarizeSql(sqlCounts)
    lines.push("SQL statements per request (mean; \"after\" = sent within 300 ms after the response)")
    lines.push(`${pad("operation", 13)}${pad("variant", 12)}${lpad("in request", 12)}${lpad("after", 8)}   top tables (in request)`)
    for (const op of OPERATIONS) {
      for (const v of VARIANTS) {
        const s = sqlSummary[op][v]
        const top = s.tables.slice(0, 6).map(([name, n]) => `${name} ${n}`).join(", ")
        lines.push(`${pad(op, 13)}${pad(v, 12)}${lpad(s.in_request.toFixed(1), 12)}${lpad(s.after_response.toFixed(1), 8)}   ${top}`)
      }
    }
    lines.push(rule)
  }
  if (profile) lines.push(...profileLines(profile), rule)
  lines.push(`checked on every pair: discount_total $${DISCOUNT} and equal totals after apply, after shipping, on the order; ${LINES.length} discounted lines each`)
  lines.push(`total run ${secs(Date.now() - started)} (timed iterations ${secs(iterationsMs)})`)
  process.stdout.write(lines.join("\n") + "\n")

  const result = {
    date: new Date().toISOString(),
    git_commit: gitCommit(),
    n: N,
    warmup: WARMUP,
    sql_logging: SQL,
    machine,
    cart: { lines: LINES, item_subtotal: subtotal, discount: DISCOUNT, coupon: COUPON_CODE, promotion: PROMO_CODE },
    unit: "ms, client side, request sent → response body received",
    preview: { coupon: preview, ratio_to_apply: { p50: preview.p50 / stats.apply.coupon.p50, p95: preview.p95 / stats.apply.coupon.p95 } },
    results: Object.fromEntries(
      OPERATIONS.map((op) => [
        op,
        {
          coupon: { ...stats[op].coupon, samples: samples[op].coupon.map(round) },
          promotion: { ...stats[op].promotion, samples: samples[op].promotion.map(round) },
          ratio: mapValues(stats[op].ratio, (x) => Number(x.toFixed(3))),
        },
      ])
    ),
    goal_met: !missed,
    goals: GOALS,
    ...(sqlSummary ? { sql: sqlSummary } : {}),
    ...(profile ? { profile } : {}),
  }
  log(`results written to ${writeResults(SQL ? "latest-sql.json" : "latest.json", result)}`)
  if (ASSERT && missed) {
    log("BENCH_ASSERT=1 and a ratio misses its goal: exit code 1")
    process.exitCode = 1
  }
}

/**
 * The profile phase: a second `medusa start` on the same database with
 * bench/profiler.cjs preloaded; PROFILE_N iterations (after PROFILE_WARMUP)
 * whose timed requests get the profiler's entries (SQL, workflow steps,
 * server time) that fall inside their client-side window.
 */
async function profilePhase(app, runIterations, storeHeaders) {
  const profileLog = path.join(app.tmpDir, "profile.jsonl")
  const env = {
    BENCH_PROFILE_LOG: profileLog,
    NODE_OPTIONS: `${app.env.NODE_OPTIONS ?? ""} --require ${path.join(BENCH_DIR, "profiler.cjs")}`.trim(),
  }
  const server = await app.startServer({ extraEnv: env, label: "medusa start (profiler preloaded)" })
  const windows = []
  const timed = async (op, variant, measured, method, url, body) => {
    const w0 = performance.timeOrigin + performance.now()
    const res = await server.api(method, url, { headers: storeHeaders, body })
    const w1 = performance.timeOrigin + performance.now()
    if (measured) windows.push({ op, variant, w0, w1 })
    return res.json
  }
  log(`profile: ${PROFILE_WARMUP} warm-up + ${PROFILE_N} iterations with the profiler`)
  await runIterations(server.api, { count: PROFILE_N, warmup: PROFILE_WARMUP, phase: "profile", timed, progress: false })
  await sleep(500)
  await server.stop()
  const entries = fs
    .readFileSync(profileLog, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line))
  return summarizeProfile(entries, windows)
}

/** Per operation and variant: server ms, SQL (count, ms, by table), steps (mean ms per request). */
function summarizeProfile(entries, windows) {
  const out = {}
  for (const op of OPERATIONS) {
    out[op] = {}
    for (const v of VARIANTS) {
      const mine = windows.filter((w) => w.op === op && w.variant === v)
      const perRequest = mine.map((w) => entries.filter((e) => e.t >= w.w0 - 1 && e.t <= w.w1 + 1))
      const n = Math.max(1, perRequest.length)
      const sum = (f) => perRequest.reduce((a, list) => a + list.reduce((b, e) => b + f(e), 0), 0) / n
      const group = (kind, keyOf) => {
        const m = new Map()
        for (const list of perRequest) {
          for (const e of list) {
            if (e.k !== kind) continue
            const key = keyOf(e)
            const g = m.get(key) ?? { count: 0, ms: 0 }
            g.count += 1
            g.ms += e.d
            m.set(key, g)
          }
        }
        return [...m.entries()]
          .map(([key, g]) => ({ key, per_request: round(g.count / n), ms: round(g.ms / n) }))
          .sort((a, b) => b.ms - a.ms)
      }
      out[op][v] = {
        requests: perRequest.length,
        client_ms: round(mine.reduce((a, w) => a + (w.w1 - w.w0), 0) / n),
        server_ms: round(sum((e) => (e.k === "req" ? e.d : 0))),
        sql_statements: round(sum((e) => (e.k === "sql" ? 1 : 0))),
        sql_ms: round(sum((e) => (e.k === "sql" ? e.d : 0))),
        sql_by_table: group("sql", (e) => tableOf(e.sql)).slice(0, 25),
        sql_by_statement: group("sql", (e) => shapeOf(e.sql)).slice(0, 40),
        steps: group("step", (e) => `${e.wf} › ${e.step}`).slice(0, 40),
      }
    }
  }
  return out
}

/** The profile as printed lines: per operation, both variants side by side. */
function profileLines(profile) {
  const lines = [`Profile (${PROFILE_N} iterations on a server with bench/profiler.cjs preloaded; mean per request)`]
  for (const op of OPERATIONS) {
    const [c, p] = VARIANTS.map((v) => profile[op][v])
    lines.push(
      `${op}: server ${c.server_ms.toFixed(1)} vs ${p.server_ms.toFixed(1)} ms; SQL ${c.sql_statements} vs ${p.sql_statements} statements, ` +
        `${c.sql_ms.toFixed(1)} vs ${p.sql_ms.toFixed(1)} ms (coupon vs promotion)`
    )
    const { extra, saved } = stepDifference(c.steps, p.steps)
    lines.push(`  what the coupon adds (ms, over the promotion's same step): ${extra.map((x) => `${x.key} +${x.ms.toFixed(1)}`).join("; ") || "nothing"}`)
    lines.push(`  what the coupon saves (ms): ${saved.map((x) => `${x.key} −${x.ms.toFixed(1)}`).join("; ") || "nothing"}`)
    for (const v of VARIANTS) {
      const s = profile[op][v]
      lines.push(`  ${v} steps (ms): ` + s.steps.slice(0, 9).map((x) => `${x.key} ${x.ms.toFixed(1)}`).join("; "))
      lines.push(`  ${v} SQL by table (n/ms): ` + s.sql_by_table.slice(0, 8).map((x) => `${x.key} ${x.per_request}/${x.ms.toFixed(1)}`).join(", "))
    }
  }
  return lines
}

/** Shipping method, payment collection and a system payment session; returns the cart. */
async function prepareForCompletion(api, headers, store, cartId) {
  await api("POST", `/store/carts/${cartId}/shipping-methods`, { headers, body: { option_id: store.shipping_option_id } })
  const { json } = await api("GET", `/store/carts/${cartId}?fields=*payment_collection`, { headers })
  let collectionId = json.cart.payment_collection?.id
  if (!collectionId) {
    const { json: created } = await api("POST", "/store/payment-collections", { headers, body: { cart_id: cartId } })
    collectionId = created.payment_collection.id
  }
  await api("POST", `/store/payment-collections/${collectionId}/payment-sessions`, {
    headers,
    body: { provider_id: "pp_system_default" },
  })
  const { json: after } = await api("GET", `/store/carts/${cartId}`, { headers })
  return after.cart
}

/** Both variants must show the same discount and totals; fails loudly otherwise. */
function checkPair(where, byVariant, pick, { adjustedLines }) {
  const [a, b] = VARIANTS.map((v) => pick(byVariant[v]))
  const problems = []
  for (const [v, x] of [[VARIANTS[0], a], [VARIANTS[1], b]]) {
    if (!near(x.discount_total, DISCOUNT)) problems.push(`${v} discount_total is ${x.discount_total}, expected ${DISCOUNT}`)
    if (adjustedLines) {
      const lines = (x.items ?? []).filter((item) => (item.adjustments ?? []).some((adj) => Number(adj.amount) > 0)).length
      if (lines !== LINES.length) problems.push(`${v} has ${lines} discounted lines, expected ${LINES.length}`)
    }
  }
  for (const field of ["discount_total", "item_discount_total", "total", "subtotal", "item_subtotal", "shipping_total"]) {
    if (a[field] === undefined && b[field] === undefined) continue
    if (!near(a[field], b[field])) problems.push(`${field}: coupon ${a[field]} ≠ promotion ${b[field]}`)
  }
  if (problems.length) {
    throw new Error(`${where}: the variants disagree (${a.id} vs ${b.id}):\n  ${problems.join("\n  ")}`)
  }
}

// --- statistics -------------------------------------------------------------

function summarize(values) {
  if (!values.length) throw new Error("no samples")
  const sorted = [...values].sort((a, b) => a - b)
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1))
  return {
    n: values.length,
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    mean: round(mean),
    sd: round(sd),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  }
}

/** Linear interpolation between closest ranks (R-7, as numpy's default). */
function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

function summarizeSql(counts) {
  const out = {}
  for (const op of OPERATIONS) {
    out[op] = {}
    for (const v of VARIANTS) {
      const runs = counts[op][v]
      const mean = (f) => runs.reduce((a, r) => a + f(r), 0) / Math.max(1, runs.length)
      const tables = new Map()
      const shapes = new Map()
      for (const r of runs) {
        for (const s of r.statements) {
          const t = tableOf(s)
          tables.set(t, (tables.get(t) ?? 0) + 1)
          const shape = shapeOf(s)
          shapes.set(shape, (shapes.get(shape) ?? 0) + 1)
        }
      }
      const perRun = (m) =>
        [...m.entries()].map(([k, n]) => [k, Number((n / runs.length).toFixed(1))]).sort((a, b) => b[1] - a[1])
      out[op][v] = {
        runs: runs.length,
        in_request: Number(mean((r) => r.in_request).toFixed(1)),
        after_response: Number(mean((r) => r.after_response).toFixed(1)),
        tables: perRun(tables),
        statements: perRun(shapes).slice(0, 60),
        example_after_response: runs.at(-1)?.after.map(shapeOf) ?? [],
      }
    }
  }
  return out
}

/** The main table a statement reads or writes (or its kind, for BEGIN/SET…). */
function tableOf(sql) {
  const s = sql.trim()
  const m =
    /^\s*insert\s+into\s+"?(?:public"?\."?)?([\w]+)/i.exec(s) ??
    /^\s*update\s+"?(?:public"?\."?)?([\w]+)/i.exec(s) ??
    /^\s*delete\s+from\s+"?(?:public"?\."?)?([\w]+)/i.exec(s) ??
    /\bfrom\s+"?(?:public"?\."?)?([\w]+)"?/i.exec(s)
  if (m) return m[1]
  return s.split(/\s+/).slice(0, 2).join(" ").toLowerCase()
}

function shapeOf(sql) {
  return sql
    .replace(/'(?:[^']|'')*'/g, "?")
    .replace(/\b\d+(?:\.\d+)?\b/g, "?")
    .replace(/\((?:\s*(?:\?|\$\d+)\s*,)+\s*(?:\?|\$\d+)\s*\)/g, "(…)")
    .slice(0, 220)
}

// --- small helpers ------------------------------------------------------------

function near(a, b) {
  return a !== undefined && a !== null && b !== undefined && b !== null && Math.abs(Number(a) - Number(b)) < 1e-6
}

const mapValues = (o, f) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]))
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function readVersion(pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "node_modules", pkg, "package.json"), "utf8")).version
  } catch {
    return "?"
  }
}

function gitCommit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim()
  } catch {
    return null
  }
}

function readFrom(file, offset) {
  if (!fs.existsSync(file)) return ""
  const size = fs.statSync(file).size
  if (size <= offset) return ""
  const fd = fs.openSync(file, "r")
  try {
    const buf = Buffer.alloc(size - offset)
    fs.readSync(fd, buf, 0, buf.length, offset)
    return buf.toString("utf8")
  } finally {
    fs.closeSync(fd)
  }
}

// --- run (after every declaration above is initialised) -----------------------

await withMedusaApp({ name: "bench", log, keepLogs: KEEP_LOGS }, main)
