// What the three benchmarks share besides the server harness
// (scripts/lib/medusa-app.mjs): reading their settings from the environment,
// laying out their tables, and writing their results to bench/results/.
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "results")

/** An integer setting from the environment; a bad value stops the bench (exit 2). */
export function positiveInt(name, fallback, { allowZero = false } = {}) {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    console.error(`[bench] ${name} must be a ${allowZero ? "non-negative" : "positive"} integer, got "${raw}"`)
    process.exit(2)
  }
  return n
}

/** Writes bench/results/<fileName> (gitignored) and answers its path relative to the project. */
export function writeResults(fileName, data) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, fileName)
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + "\n")
  return `bench/results/${fileName}`
}

export const round = (x) => Number(x.toFixed(2))
export const pad = (s, n) => String(s).padEnd(n)
export const lpad = (s, n) => String(s).padStart(n)

/**
 * Steps by how much longer (extra) or shorter (saved) they took for the
 * coupon than for the promotion, a step missing on one side counting as 0;
 * the largest 6 of each, above 1 ms. Steps that run a whole workflow
 * ("…-as-step") are left out: their own steps are listed, and the coupon's
 * route wraps Medusa's promotion refresh in one while Medusa's runs it bare.
 */
export function stepDifference(couponSteps, promotionSteps) {
  const keys = new Set([...couponSteps, ...promotionSteps].map((x) => x.key).filter((key) => !/-as-step$/.test(key)))
  const ms = (list, key) => list.find((x) => x.key === key)?.ms ?? 0
  const diffs = [...keys].map((key) => ({ key, ms: ms(couponSteps, key) - ms(promotionSteps, key) }))
  return {
    extra: diffs.filter((d) => d.ms > 1).sort((a, b) => b.ms - a.ms).slice(0, 6),
    saved: diffs.filter((d) => d.ms < -1).map((d) => ({ key: d.key, ms: -d.ms })).sort((a, b) => b.ms - a.ms).slice(0, 6),
  }
}

/**
 * Waits until the bench's database has been quiet for 2 s (no statement of
 * its own running, no autovacuum worker) and, with `cpu`, this machine's
 * CPUs at most a quarter busy (from /proc/stat, steal left out) over the
 * same 2 s, so that a timed phase does not pay for the background work of
 * the one before (subscribers, jobs, autovacuum). At most 3 minutes;
 * answers the milliseconds waited.
 */
export async function waitForQuiet(databaseUrl, { cpu = false } = {}) {
  const t0 = performance.now()
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    let quietSince = null
    let cpuBefore = cpuTimes()
    while (performance.now() - t0 < 180_000) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      const { rows } = await c.query(
        `SELECT count(*)::int AS busy FROM pg_stat_activity
         WHERE pid <> pg_backend_pid() AND (backend_type = 'autovacuum worker' OR (datname = current_database() AND state = 'active'))`
      )
      const cpuNow = cpuTimes()
      const cpuQuiet = !cpu || cpuNow.busy - cpuBefore.busy <= 0.25 * (cpuNow.total - cpuBefore.total)
      cpuBefore = cpuNow
      if (rows[0].busy === 0 && cpuQuiet) {
        quietSince ??= performance.now()
        if (performance.now() - quietSince >= 2_000) break
      } else {
        quietSince = null
      }
    }
  } finally {
    await c.end()
  }
  return performance.now() - t0
}

/** This machine's CPU time so far, in clock ticks: busy (user, nice, system, irq, softirq) and in all but steal. */
function cpuTimes() {
  const [user, nice, system, idle, iowait, irq, softirq] = fs
    .readFileSync("/proc/stat", "utf8")
    .split("\n")[0]
    .trim()
    .split(/\s+/)
    .slice(1, 8)
    .map(Number)
  const busy = user + nice + system + irq + softirq
  return { busy, total: busy + idle + iowait }
}
