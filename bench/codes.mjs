// `node bench/codes.mjs`: serial codes at their limits, measured on the server.
//
//   generate  POST /admin/coupons/:id/codes { quantity: 1,000,000 }: time of
//             the answer, then time until GET …/code-batches/:id says done
//             (polled every 250 ms), all codes checked written
//   import    POST /admin/coupons/:id/codes with a multipart CSV of just
//             under 10 MB (909,090 codes, one column, header row), streamed
//             from disk: time until the answer (the import is synchronous)
//   list      GET /admin/coupons/:id/codes on the million codes: first page,
//             a 2-character prefix search, one code, the middle page (median of 5)
//   export    GET /admin/coupons/:id/codes/export of the million codes (CSV,
//             streamed), read to the end: time, bytes, rows, server RSS growth,
//             and the slowest answer of GET /admin/coupons/:id asked every
//             100 ms meanwhile (the export must not block other requests).
//             Goals: ≤ 5 s, RSS growth ≤ 50 MB.
// For generate and import the Medusa server's memory is watched: its peak
// RSS (VmHWM, reset just before through /proc/<pid>/clear_refs, and the
// largest RSS sampled every 50 ms over the server's process group).
// Goals: generate, import and export each within 5 s and 50 MB of RSS growth.
//   apply at scale  POST /store/carts/:id/coupon with a serial code, timed on
//             BENCH_SCALE_N fresh 10-line carts while the table holds ~1,000
//             codes (before the generation), then again after the table was
//             filled to BENCH_SCALE_CODES codes with one set-based
//             INSERT … SELECT generate_series (+ ANALYZE, as autovacuum would):
//             goal, p50 and p95 within 1.1× of the small table's.
// For scale, the same run then starts Medusa alone (same version, same
// database, no plugin, admin off) and reads its idle RSS: what any plugin's
// server needs before it does anything.
//
// Steps (the harness is scripts/lib/medusa-app.mjs): embedded PostgreSQL
// (cluster "bench-codes", fsync off) → a fresh database → medusa db:migrate
// → medusa user → medusa start (one process, admin disabled,
// NODE_ENV=production) → admin login, two coupons → a small warm-up
// generation and import on one coupon → the measured runs on the other →
// Medusa alone → table and bench/results/codes-latest.json → stop the
// servers, drop the database, stop PostgreSQL.
//
// Environment:
//   DATABASE_URL or DB_HOST (DB_PORT, DB_USERNAME, DB_PASSWORD): create the
//                          database on that PostgreSQL instead of the embedded one
//   BENCH_CODES=1000000    codes generated
//   BENCH_IMPORT_ROWS=909090 rows of the imported file (909,090 ≈ 10 MB)
//   BENCH_SCALE_N=30       applies timed with 1,000 and with BENCH_SCALE_CODES codes
//                          stored (0: skip the apply-at-scale run)
//   BENCH_SCALE_CODES=10000000 codes stored for the second apply run (set-based SQL)
//   BENCH_ASSERT=1         exit 1 when a goal is missed
//   BENCH_KEEP_LOGS=1      keep the server log (in the system temp folder)
import fs from "node:fs"
import os from "node:os"
import pg from "pg"
import { randomFillSync } from "node:crypto"
import { pipeline } from "node:stream/promises"
import { Readable } from "node:stream"
import pgCopyStreams from "pg-copy-streams"
import path from "node:path"
import { ADMIN, withMedusaApp } from "../scripts/lib/medusa-app.mjs"
import { lpad, pad, positiveInt, round, waitForQuiet, writeResults } from "./lib.mjs"
import { PROJECT_ROOT } from "../scripts/lib/embedded-postgres.mjs"

const CODES = positiveInt("BENCH_CODES", 1_000_000)
const IMPORT_ROWS = positiveInt("BENCH_IMPORT_ROWS", 909_090)
// Issue 16: each of generate, import and export within 5 s and 50 MB of
// server RSS growth; applying a code with 10,000,000 codes stored within
// 1.1× of applying it with 1,000 stored.
const GOALS = { seconds: 5, rss_growth_mb: 50 }
const EXPORT_GOALS = GOALS
const SCALE_CODES = positiveInt("BENCH_SCALE_CODES", 10_000_000)
const SCALE_N = positiveInt("BENCH_SCALE_N", 30, { allowZero: true })
const SCALE_GOAL_RATIO = 1.1
const MB = 1024 * 1024

const started = Date.now()

const log = (message) => process.stdout.write(`[bench] ${message}\n`)
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`

async function main(app) {
  // --- database and server ------------------------------------------------
  log(`PostgreSQL ${app.postgres}`)
  await app.medusa("migrate", ["db:migrate"])
  await app.medusa("admin user", ["user", "-e", ADMIN.email, "-p", ADMIN.password])
  const seedOut = path.join(app.tmpDir, "seed.json")
  if (SCALE_N) await app.medusa("seed", ["exec", "./bench/seed.ts"], { BENCH_SEED_OUT: seedOut })
  const server = await app.startServer({ label: "medusa start" })
  const { api, base } = server
  const memory = serverMemory(server.pid)
  log(`server group ${memory.pids().join(", ")}, RSS ${mb(memory.groupRss())} MB`)

  const { json: login } = await api("POST", "/auth/user/emailpass", { body: ADMIN })
  const admin = { authorization: `Bearer ${login.token}` }
  const newCoupon = async (title) =>
    (
      await api("POST", "/admin/coupons", {
        headers: admin,
        body: { title, type: "fixed", amount: 5, currency_code: "usd" },
      })
    ).json.coupon

  // --- warm-up: load the code paths once, on a coupon of its own -----------
  const warm = await newCoupon("Warm-up")
  const { batch: warmBatch } = await generate(api, admin, warm.id, 1_000)
  await waitForBatch(api, admin, warm.id, warmBatch.id)
  const warmFile = writeCsv(path.join(app.tmpDir, "warm.csv"), 1_000, "W")
  await upload(base, admin, warm.id, warmFile)
  log("warm-up: 1,000 generated and 1,000 imported codes")

  const coupon = await newCoupon("Bench serial codes")
  const results = {}

  // --- apply with ~1,000 codes stored ---------------------------------------
  let scale = null
  if (SCALE_N) {
    scale = await applyAtScaleSetup(app, api, admin, JSON.parse(fs.readFileSync(seedOut, "utf8")))
    await quietDatabase(app, "apply with few codes")
    scale.small = await scale.measure()
    log(`apply with ${scale.small.stored.toLocaleString("en-US")} codes stored: p50 ${scale.small.p50} ms, p95 ${scale.small.p95} ms`)
  }

  // --- generate ------------------------------------------------------------
  await quietDatabase(app, "generate")
  memory.resetPeak()
  const baseline = memory.groupRss()
  let watch = memory.watch()
  let t0 = performance.now()
  const { batch, ms: answerMs } = await generate(api, admin, coupon.id, CODES)
  const finished = await waitForBatch(api, admin, coupon.id, batch.id)
  let elapsed = performance.now() - t0
  let peaks = { sampled: watch.stop(), hwm: memory.peak() }
  if (finished.status !== "done" || finished.created !== CODES) {
    throw new Error(`generation ended ${finished.status} with ${finished.created} of ${CODES} codes: ${finished.error}`)
  }
  const written = (await api("GET", `/admin/coupons/${coupon.id}/codes?limit=1`, { headers: admin })).json.count
  if (written !== CODES) throw new Error(`GET codes counts ${written}, expected ${CODES}`)
  results.generate = {
    codes: CODES,
    answer_ms: round(answerMs),
    seconds: round(elapsed / 1000),
    rss_before_mb: mb(baseline),
    peak_rss_mb: mb(Math.max(peaks.sampled, peaks.hwm ?? 0)),
    peak_rss_sampled_mb: mb(peaks.sampled),
    peak_rss_hwm_mb: peaks.hwm === null ? null : mb(peaks.hwm),
    codes_per_second: Math.round(CODES / (elapsed / 1000)),
    length: finished.length,
  }
  log(`generated ${CODES} codes of ${finished.length} characters: answered in ${answerMs.toFixed(0)} ms, done after ${secs(elapsed)}`)

  // --- list on a million codes ---------------------------------------------
  const sample = (await api("GET", `/admin/coupons/${coupon.id}/codes?limit=1&offset=${Math.floor(CODES / 8)}`, { headers: admin })).json.codes[0]
  const listQueries = [
    { name: "first page (20)", path: `/admin/coupons/${coupon.id}/codes` },
    { name: `q=${sample.code.slice(0, 2)} (prefix)`, path: `/admin/coupons/${coupon.id}/codes?q=${sample.code.slice(0, 2)}` },
    { name: `q=${sample.code} (one code)`, path: `/admin/coupons/${coupon.id}/codes?q=${sample.code}` },
    { name: `offset ${Math.floor(CODES / 2)}`, path: `/admin/coupons/${coupon.id}/codes?offset=${Math.floor(CODES / 2)}` },
  ]
  results.list = {}
  for (const q of listQueries) {
    const samples = []
    for (let i = 0; i < 5; i++) samples.push((await api("GET", q.path, { headers: admin })).ms)
    samples.sort((a, b) => a - b)
    results.list[q.name] = { median_ms: round(samples[2]), max_ms: round(samples[4]) }
  }

  // --- export --------------------------------------------------------------
  await quietDatabase(app, "export")
  memory.resetPeak()
  const exportBaseline = memory.groupRss()
  watch = memory.watch()
  results.export = await exportCodes(base, admin, coupon.id, api)
  peaks = { sampled: watch.stop(), hwm: memory.peak() }
  if (results.export.rows !== CODES) throw new Error(`export gave ${results.export.rows} rows, expected ${CODES}`)
  Object.assign(results.export, {
    rss_before_mb: mb(exportBaseline),
    peak_rss_mb: mb(Math.max(peaks.sampled, peaks.hwm ?? 0)),
    rss_growth_mb: mb(Math.max(peaks.sampled, peaks.hwm ?? 0)) - mb(exportBaseline),
  })
  log(
    `exported ${results.export.rows} codes (${(results.export.bytes / 1e6).toFixed(1)} MB) in ${results.export.seconds} s, ` +
      `RSS +${results.export.rss_growth_mb} MB; GET coupon meanwhile: ${results.export.concurrent_requests} answers, slowest ${results.export.concurrent_max_ms} ms`
  )

  // --- import --------------------------------------------------------------
  const csv = writeCsv(path.join(app.tmpDir, "codes.csv"), IMPORT_ROWS, "I")
  const csvBytes = fs.statSync(csv).size
  await quietDatabase(app, "import")
  memory.resetPeak()
  const importBaseline = memory.groupRss()
  watch = memory.watch()
  t0 = performance.now()
  const imported = await upload(base, admin, coupon.id, csv)
  elapsed = performance.now() - t0
  peaks = { sampled: watch.stop(), hwm: memory.peak() }
  if (imported.status !== "done" || imported.created !== IMPORT_ROWS) {
    throw new Error(`import answered ${JSON.stringify(imported)}`)
  }
  results.import = {
    rows: IMPORT_ROWS,
    bytes: csvBytes,
    seconds: round(elapsed / 1000),
    rss_before_mb: mb(importBaseline),
    peak_rss_mb: mb(Math.max(peaks.sampled, peaks.hwm ?? 0)),
    peak_rss_sampled_mb: mb(peaks.sampled),
    peak_rss_hwm_mb: peaks.hwm === null ? null : mb(peaks.hwm),
    codes_per_second: Math.round(IMPORT_ROWS / (elapsed / 1000)),
  }
  log(`imported ${IMPORT_ROWS} codes (${csvBytes} bytes) in ${secs(elapsed)}`)

  // --- what PostgreSQL itself needs for the same rows -------------------------
  await quietDatabase(app, "the database floor")
  results.database_floor = await databaseFloor(app, CODES)
  log(
    `database floor: one COPY of ${CODES.toLocaleString("en-US")} code rows from this process into an empty copy of ` +
      `coupon_code (same indexes): ${results.database_floor.seconds} s`
  )

  // --- apply with 10,000,000 codes stored ------------------------------------
  if (scale) {
    const t = Date.now()
    const filled = await scale.fill(SCALE_CODES)
    log(`table filled to ${filled.stored.toLocaleString("en-US")} codes with set-based SQL (${secs(Date.now() - t)})`)
    await quietDatabase(app, "apply with many codes")
    scale.large = await scale.measure()
    log(`apply with ${scale.large.stored.toLocaleString("en-US")} codes stored: p50 ${scale.large.p50} ms, p95 ${scale.large.p95} ms`)
    const ratio = { p50: scale.large.p50 / scale.small.p50, p95: scale.large.p95 / scale.small.p95 }
    results.apply_at_scale = {
      n: SCALE_N,
      small: scale.small,
      large: scale.large,
      fill_seconds: filled.seconds,
      ratio: { p50: Number(ratio.p50.toFixed(3)), p95: Number(ratio.p95.toFixed(3)) },
      goal_ratio: SCALE_GOAL_RATIO,
      goal_met: ratio.p50 <= SCALE_GOAL_RATIO && ratio.p95 <= SCALE_GOAL_RATIO,
    }
  }

  // --- Medusa alone, for scale ----------------------------------------------
  await server.stop()
  results.medusa_alone = await medusaAloneIdleRss(app)
  log(`Medusa alone (no plugin, admin off): idle RSS ${results.medusa_alone.idle_rss_mb} MB`)

  // --- report --------------------------------------------------------------
  const growth = (r) => r.peak_rss_mb - r.rss_before_mb
  results.generate.rss_growth_mb = growth(results.generate)
  results.import.rss_growth_mb = growth(results.import)
  const goals = {
    generate_time: results.generate.seconds <= GOALS.seconds,
    generate_rss: results.generate.rss_growth_mb <= GOALS.rss_growth_mb,
    import_time: results.import.seconds <= GOALS.seconds,
    import_rss: results.import.rss_growth_mb <= GOALS.rss_growth_mb,
    export_time: results.export.seconds <= EXPORT_GOALS.seconds,
    export_rss: results.export.rss_growth_mb <= EXPORT_GOALS.rss_growth_mb,
    ...(results.apply_at_scale ? { apply_at_scale: results.apply_at_scale.goal_met } : {}),
  }
  const verdict = (ok) => (ok ? "met" : "MISSED")
  const cpus = os.cpus()
  const load = os.loadavg().map((x) => x.toFixed(2)).join(" ")
  const g = results.generate
  const i = results.import
  const lines = [
    "",
    `Serial codes — ${CODES.toLocaleString("en-US")} generated, ${IMPORT_ROWS.toLocaleString("en-US")} imported (${(csvBytes / 1e6).toFixed(2)} MB CSV)`,
    `machine: ${cpus.length} × ${cpus[0]?.model?.trim() ?? "?"}, node ${process.version}, PostgreSQL ${app.postgres}, no Redis; load average now ${load}`,
    "─".repeat(98),
    `${pad("", 10)}${lpad("time s", 9)}${lpad("codes/s", 10)}${lpad("RSS before MB", 15)}${lpad("peak RSS MB", 13)}${lpad("growth MB", 11)}   goals: ≤ ${GOALS.seconds} s, ≤ +${GOALS.rss_growth_mb} MB`,
    "─".repeat(98),
    `${pad("generate", 10)}${lpad(g.seconds.toFixed(1), 9)}${lpad(g.codes_per_second, 10)}${lpad(g.rss_before_mb, 15)}${lpad(g.peak_rss_mb, 13)}${lpad(`+${g.peak_rss_mb - g.rss_before_mb}`, 11)}   ${verdict(goals.generate_time)}, ${verdict(goals.generate_rss)}`,
    `${pad("import", 10)}${lpad(i.seconds.toFixed(1), 9)}${lpad(i.codes_per_second, 10)}${lpad(i.rss_before_mb, 15)}${lpad(i.peak_rss_mb, 13)}${lpad(`+${i.peak_rss_mb - i.rss_before_mb}`, 11)}   ${verdict(goals.import_time)}, ${verdict(goals.import_rss)}`,
    `${pad("export", 10)}${lpad(results.export.seconds.toFixed(1), 9)}${lpad(Math.round(results.export.rows / results.export.seconds), 10)}${lpad(results.export.rss_before_mb, 15)}${lpad(results.export.peak_rss_mb, 13)}${lpad(`+${results.export.rss_growth_mb}`, 11)}   ${verdict(goals.export_time)}, ${verdict(goals.export_rss)}`,
    "─".repeat(98),
    `export: ${(results.export.bytes / 1e6).toFixed(1)} MB of CSV, first byte after ${results.export.first_byte_ms} ms; GET /admin/coupons/:id every 100 ms meanwhile: ${results.export.concurrent_requests} answers, median ${results.export.concurrent_median_ms} ms, slowest ${results.export.concurrent_max_ms} ms`,
    `Medusa alone (same version and database, no plugin, admin off) idles at ${results.medusa_alone.idle_rss_mb} MB RSS:` +
      " the growth column is what the work costs.",
    ...(results.apply_at_scale ? applyAtScaleLines(results.apply_at_scale) : []),
    `database floor: one COPY of ${CODES.toLocaleString("en-US")} rows of the same shape into an empty copy of coupon_code (same indexes), from the bench process: ${results.database_floor.seconds} s`,
    `generate answered in ${g.answer_ms.toFixed(0)} ms (batch pending; codes of ${g.length} characters written in the background)`,
    `GET /admin/coupons/:id/codes on ${CODES.toLocaleString("en-US")} codes (median of 5): ` +
      Object.entries(results.list)
        .map(([name, r]) => `${name} ${r.median_ms.toFixed(0)} ms`)
        .join(", "),
    `total run ${secs(Date.now() - started)}`,
  ]
  process.stdout.write(lines.join("\n") + "\n")

  const resultFile = writeResults("codes-latest.json", {
    date: new Date().toISOString(),
    machine: { cpus: cpus.length, cpu_model: cpus[0]?.model?.trim(), node: process.version, postgres: app.postgres },
    load_average_end: os.loadavg(),
    machine_memory_gb: Math.round(os.totalmem() / 2 ** 30),
    unit: "seconds client side (generate: request sent → batch polled done); RSS of the Medusa server in MB",
    results,
    goals: GOALS,
    goals_met: goals,
  })
  log(`results written to ${resultFile}`)
  if (process.env.BENCH_ASSERT === "1" && !Object.values(goals).every(Boolean)) process.exitCode = 1
}

/**
 * The time PostgreSQL alone takes for `count` rows shaped as a generation
 * writes them (ascending ids, random 12-character codes sorted per chunk of
 * 50,000, one coupon and batch): one COPY from this process into an empty
 * table made LIKE coupon_code INCLUDING ALL (its indexes and defaults), rows
 * built before the clock starts. What a generation or import takes beyond
 * this is the plugin's; up to it, the database's heap and index upkeep.
 */
async function databaseFloor(app, count) {
  const ALPHABET = Buffer.from("ABCDEFGHJKMNPQRSTVWXYZ23456789")
  const CHUNK = 50_000 // GENERATION_CHUNK (src/workflows/serial-codes/steps/generate-serial-codes.ts)
  const tail = "\tcoupon_bench_floor_000000000000\tcbatch_bench_floor_00000000000\n"
  const chunks = []
  const random = Buffer.alloc(12 * CHUNK)
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start)
    randomFillSync(random)
    const codes = []
    for (let i = 0; i < n; i++) {
      let code = ""
      for (let j = 0; j < 12; j++) code += String.fromCharCode(ALPHABET[random[i * 12 + j] % ALPHABET.length])
      codes.push(code)
    }
    codes.sort()
    chunks.push(codes.map((code, i) => `ccode_floor${String(start + i).padStart(21, "0")}\t${code}${tail}`).join(""))
  }
  const client = new pg.Client({ connectionString: app.databaseUrl })
  await client.connect()
  try {
    await client.query("DROP TABLE IF EXISTS bench_floor_code")
    await client.query("CREATE TABLE bench_floor_code (LIKE coupon_code INCLUDING ALL)")
    // Start from clean buffers, as the generation did (needs a superuser; skipped otherwise).
    await client.query("CHECKPOINT").catch(() => undefined)
    const t0 = performance.now()
    await pipeline(Readable.from(chunks), client.query(pgCopyStreams.from("COPY bench_floor_code (id, code, coupon_id, batch_id) FROM STDIN")))
    const seconds = round((performance.now() - t0) / 1000)
    // Duplicate random codes would have failed the COPY (unique index): the floor wrote every row.
    await client.query("DROP TABLE bench_floor_code")
    return { rows: count, seconds }
  } finally {
    await client.end()
  }
}

/**
 * Waits until no other statement runs in the bench's database and no
 * autovacuum worker is busy there (two seconds in a row, three minutes at
 * most), so that each timed operation does not share the machine with the
 * aftermath of the one before (autovacuum visits a table that just grew by
 * a million rows; the generation's subscriber analyzes it).
 */
async function quietDatabase(app, before) {
  log(`quiet database before ${before} after ${secs(await waitForQuiet(app.databaseUrl))}`)
}

async function generate(api, headers, couponId, quantity) {
  const { json, ms } = await api("POST", `/admin/coupons/${couponId}/codes`, { headers, body: { quantity } })
  return { batch: json.batch, ms }
}

async function waitForBatch(api, headers, couponId, batchId) {
  const until = Date.now() + 30 * 60_000
  for (;;) {
    const { json } = await api("GET", `/admin/coupons/${couponId}/code-batches/${batchId}`, { headers })
    if (json.batch.status === "done" || json.batch.status === "failed") return json.batch
    if (Date.now() > until) throw new Error(`batch ${batchId} not done after 30 minutes: ${JSON.stringify(json.batch)}`)
    await sleep(250)
  }
}

/** A one-column CSV of distinct codes `<letter><9 digits>`: digits and the letter keep them apart from generated ones. */
function writeCsv(file, rows, letter) {
  const fd = fs.openSync(file, "w")
  try {
    fs.writeSync(fd, "code\n")
    const block = 10_000
    for (let start = 0; start < rows; start += block) {
      let text = ""
      for (let n = start; n < Math.min(rows, start + block); n++) text += `${letter}${String(n).padStart(9, "0")}\n`
      fs.writeSync(fd, text)
    }
  } finally {
    fs.closeSync(fd)
  }
  return file
}

/** The CSV as multipart field `file`, streamed from disk. */
async function upload(base, headers, couponId, file) {
  const form = new FormData()
  form.append("file", await fs.openAsBlob(file, { type: "text/csv" }), path.basename(file))
  const res = await fetch(`${base}/admin/coupons/${couponId}/codes`, {
    method: "POST",
    headers,
    body: form,
    signal: AbortSignal.timeout(10 * 60_000),
  })
  const text = await res.text()
  if (res.status !== 200) throw new Error(`import answered ${res.status}: ${text.slice(0, 600)}`)
  return JSON.parse(text).batch
}

/**
 * Idle RSS of Medusa without this plugin: a project folder of its own with
 * only a medusa-config.js (admin off, no modules of ours) and this
 * project's node_modules, started on the same database and logged into
 * once, as the plugin's server was before it was measured.
 */
async function medusaAloneIdleRss(app) {
  const dir = path.join(app.tmpDir, "medusa-alone")
  fs.mkdirSync(dir, { recursive: true })
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir")
  // `medusa start` recognises a Medusa project by its dependency on @medusajs/medusa.
  const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "node_modules/@medusajs/medusa/package.json"), "utf8"))
  const manifest = { name: "medusa-alone", private: true, dependencies: { "@medusajs/medusa": version } }
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest) + "\n")
  fs.writeFileSync(
    path.join(dir, "medusa-config.js"),
    `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { storeCors: "", adminCors: "", authCors: "", jwtSecret: "bench", cookieSecret: "bench" },
  },
  admin: { disable: true },
})
`
  )
  const alone = await app.startServer({ label: "Medusa alone", cwd: dir })
  await alone.api("POST", "/auth/user/emailpass", { body: ADMIN })
  await sleep(1_000)
  const idle = serverMemory(alone.pid).groupRss()
  await alone.stop()
  return { idle_rss_mb: mb(idle) }
}

/**
 * RSS of the server's process group (`medusa start` and anything it forks),
 * from /proc. The kernel's peak (VmHWM) is reset per process before a
 * measured run by writing 5 to clear_refs; where that is not allowed, only
 * the 50 ms samples count.
 */
function serverMemory(pgid) {
  const pids = () =>
    fs.readdirSync("/proc").filter((entry) => {
      if (!/^\d+$/.test(entry)) return false
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid
      } catch {
        return false
      }
    })
  const field = (pid, name) => {
    try {
      const m = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))
      return m ? Number(m[1]) * 1024 : 0
    } catch {
      return 0
    }
  }
  let resettable = true
  return {
    pids,
    groupRss: () => pids().reduce((sum, pid) => sum + field(pid, "VmRSS"), 0),
    resetPeak() {
      for (const pid of pids()) {
        try {
          fs.writeFileSync(`/proc/${pid}/clear_refs`, "5")
        } catch {
          resettable = false
        }
      }
    },
    /** Sum over the group of each process's peak since the reset (null when it could not be reset). */
    peak: () => (resettable ? pids().reduce((sum, pid) => sum + field(pid, "VmHWM"), 0) : null),
    watch() {
      let max = this.groupRss()
      const timer = setInterval(() => (max = Math.max(max, this.groupRss())), 50)
      return {
        stop() {
          clearInterval(timer)
          return max
        },
      }
    },
  }
}

/**
 * The apply-at-scale run: a coupon with serial codes of its own (1,000,
 * written with SQL), and `measure()`: SCALE_N fresh 10-line carts (after 3
 * warm-up ones), each applying one of those codes, timed client side.
 * `fill(total)` tops coupon_code up to `total` live codes of another coupon
 * with one INSERT … SELECT generate_series, then VACUUM (ANALYZE).
 */
async function applyAtScaleSetup(app, api, admin, store) {
  const LINES = ["tee", "hoodie", "mug", "cap", "poster", "ebook", "crate", "jacket", "socks", "scarf"]
  const { json } = await api("POST", "/admin/coupons", {
    headers: admin,
    body: { title: "Bench apply at scale", type: "fixed", amount: 5, currency_code: "usd" },
  })
  const target = json.coupon
  const {
    json: { coupon: filler },
  } = await api("POST", "/admin/coupons", {
    headers: admin,
    body: { title: "Bench filler codes", type: "fixed", amount: 1, currency_code: "usd" },
  })
  const sql = new pg.Client({ connectionString: app.databaseUrl })
  await sql.connect()
  const codes = []
  try {
    const { rows } = await sql.query(
      `INSERT INTO coupon_code (id, code, coupon_id, batch_id)
       SELECT 'ccode_scale_' || i, 'SC' || lpad(i::text, 8, '0'), $1, NULL FROM generate_series(1, 1000) AS i
       RETURNING code`,
      [target.id]
    )
    codes.push(...rows.map((r) => r.code))
    await sql.query("ANALYZE coupon_code")
  } finally {
    await sql.end()
  }
  const headers = { "x-publishable-api-key": store.publishable_key }
  let round = 0
  const stored = async () => {
    const c = new pg.Client({ connectionString: app.databaseUrl })
    await c.connect()
    try {
      return Number((await c.query("SELECT count(*) AS n FROM coupon_code WHERE deleted_at IS NULL")).rows[0].n)
    } finally {
      await c.end()
    }
  }
  return {
    async measure() {
      const samples = []
      for (let i = 0; i < 3 + SCALE_N; i++) {
        const { json: cart } = await api("POST", "/store/carts", {
          headers,
          body: {
            region_id: store.region_id,
            email: `scale-${round}-${i}@example.com`,
            items: LINES.map((line) => ({ variant_id: store.variants[line], quantity: 1 })),
          },
        })
        const code = codes[(round * 100 + i) % codes.length]
        const { ms, json: applied } = await api("POST", `/store/carts/${cart.cart.id}/coupon`, { headers, body: { code } })
        if (Number(applied.cart.discount_total) !== 5) throw new Error(`apply of ${code}: discount_total ${applied.cart.discount_total}`)
        if (i >= 3) samples.push(ms)
      }
      round += 1
      samples.sort((a, b) => a - b)
      const q = (p) => {
        const pos = (samples.length - 1) * p
        const lo = Math.floor(pos)
        return round2(samples[lo] + (samples[Math.ceil(pos)] - samples[lo]) * (pos - lo))
      }
      return { stored: await stored(), n: samples.length, p50: q(0.5), p95: q(0.95), mean: round2(samples.reduce((a, b) => a + b, 0) / samples.length) }
    },
    async fill(total) {
      const t0 = performance.now()
      const c = new pg.Client({ connectionString: app.databaseUrl })
      await c.connect()
      try {
        const have = Number((await c.query("SELECT count(*) AS n FROM coupon_code WHERE deleted_at IS NULL")).rows[0].n)
        const missing = Math.max(0, total - have)
        // Codes "F" + 9 digits (10 characters): the million generated codes
        // have 12, the imported ones start with "I", the warm-up's with "W".
        await c.query(
          `INSERT INTO coupon_code (id, code, coupon_id, batch_id)
           SELECT 'ccode_fill_' || i, 'F' || lpad(i::text, 9, '0'), $1, NULL FROM generate_series(1, $2::int) AS i
           ON CONFLICT DO NOTHING`,
          [filler.id, missing]
        )
        // As a store's table is: vacuumed and analyzed. Otherwise autovacuum
        // takes on the fresh ten million rows while the applies are timed.
        await c.query("VACUUM (ANALYZE) coupon_code")
      } finally {
        await c.end()
      }
      return { stored: await stored(), seconds: round2((performance.now() - t0) / 1000) }
    },
  }
}

function applyAtScaleLines(r) {
  return [
    `apply a serial code (N = ${r.n}): with ${r.small.stored.toLocaleString("en-US")} codes stored p50 ${r.small.p50} / p95 ${r.small.p95} ms; ` +
      `with ${r.large.stored.toLocaleString("en-US")} stored p50 ${r.large.p50} / p95 ${r.large.p95} ms; ratio ${r.ratio.p50.toFixed(2)} / ${r.ratio.p95.toFixed(2)} ` +
      `(goal ≤ ${r.goal_ratio}: ${r.goal_met ? "met" : "MISSED"}; table filled in ${r.fill_seconds} s)`,
  ]
}

const round2 = (x) => Number(x.toFixed(2))
const mb = (bytes) => Math.round(bytes / MB)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Reads the CSV export to the end, counting rows and bytes without keeping
 * them, while another request asks for the coupon every 100 ms.
 */
async function exportCodes(base, headers, couponId, api) {
  const t0 = performance.now()
  const res = await fetch(`${base}/admin/coupons/${couponId}/codes/export`, { headers })
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`)
  let done = false
  const latencies = []
  const pinger = (async () => {
    while (!done) {
      latencies.push((await api("GET", `/admin/coupons/${couponId}`, { headers })).ms)
      await sleep(100)
    }
  })()
  let bytes = 0
  let newlines = 0
  let firstByteMs = null
  for await (const chunk of res.body) {
    firstByteMs ??= performance.now() - t0
    bytes += chunk.length
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++
  }
  const seconds = (performance.now() - t0) / 1000
  done = true
  await pinger
  latencies.sort((a, b) => a - b)
  return {
    seconds: round(seconds),
    bytes,
    rows: newlines - 1,
    first_byte_ms: Math.round(firstByteMs ?? 0),
    concurrent_requests: latencies.length,
    concurrent_median_ms: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
    concurrent_max_ms: Math.round(latencies[latencies.length - 1] ?? 0),
  }
}

await withMedusaApp({ name: "bench-codes", log, keepLogs: process.env.BENCH_KEEP_LOGS === "1" }, main)
