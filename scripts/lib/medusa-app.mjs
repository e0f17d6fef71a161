// A throw-away Medusa app for scripts that need a real server (benchmarks,
// the multi-instance check): a fresh database, migrations, an admin user, a
// seed, one or more `medusa start` processes, and a cleanup that always runs.
// The database lives on DATABASE_URL or DB_HOST when set, else on an embedded
// PostgreSQL (cluster `name`, fsync off).
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import pg from "pg"
import { startEmbeddedPostgres } from "./embedded-postgres.mjs"
import { freePort, sleep, waitForHealth } from "./process.mjs"
import { medusaBin, run } from "./run.mjs"

export const ADMIN = { email: "script@coupons.local", password: "script-secret" }
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`

export { freePort }

/** fetch() with JSON in and out, failing loudly on an unexpected status. */
export function client(base, { timeout = 60_000 } = {}) {
  return async function api(method, url, { headers = {}, body, expect = 200 } = {}) {
    const t0 = performance.now()
    const res = await fetch(base + url, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : method === "POST" ? "{}" : undefined,
      signal: AbortSignal.timeout(timeout),
    })
    const text = await res.text()
    const ms = performance.now() - t0
    const expected = [expect].flat()
    const json = text ? JSON.parse(text) : null
    if (!expected.includes(res.status)) {
      const error = new Error(`${method} ${url} answered ${res.status}, expected ${expected.join("/")}: ${text.slice(0, 500)}`)
      Object.assign(error, { status: res.status, json })
      throw error
    }
    return { json, ms, status: res.status, headers: res.headers }
  }
}

/**
 * @param {{ name: string, log: (m: string) => void }} options
 * name: embedded cluster and database prefix; log: progress lines.
 */
export async function createMedusaApp({ name, log }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `coupons-${name}-`))
  const serverLog = path.join(tmp, "medusa.log")
  const database = `coupons_${name}_${process.pid}_${Date.now().toString(36)}`
  const processes = new Set()
  let db = null
  let cleaning = null

  let t = Date.now()
  let baseUrl
  const { DATABASE_URL, DB_HOST, DB_PORT = "5432", DB_USERNAME = "postgres", DB_PASSWORD = "" } = process.env
  if (DATABASE_URL) {
    baseUrl = new URL(DATABASE_URL)
    baseUrl.pathname = "/postgres"
  } else if (DB_HOST) {
    // The server `npm test` is using.
    const auth = `${encodeURIComponent(DB_USERNAME)}${DB_PASSWORD ? `:${encodeURIComponent(DB_PASSWORD)}` : ""}`
    baseUrl = new URL(`postgres://${auth}@${DB_HOST}:${DB_PORT}/postgres`)
  } else {
    db = await startEmbeddedPostgres({ name, fast: true })
    baseUrl = new URL(db.url("postgres"))
  }
  const adminDb = new pg.Client({ connectionString: baseUrl.toString() })
  await adminDb.connect()
  const postgresVersion = (await adminDb.query("SHOW server_version")).rows[0].server_version
  await adminDb.query(`CREATE DATABASE "${database}"`)
  await adminDb.end()
  const databaseUrl = Object.assign(new URL(baseUrl), { pathname: `/${database}` }).toString()
  log(`database ${database} (${secs(Date.now() - t)})`)

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MEDUSA_ADMIN_DISABLED: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_ENV: "production",
  }
  delete env.npm_lifecycle_event

  /** Runs `medusa <args>` to completion, output to the server log. */
  async function medusa(title, args, extraEnv = {}) {
    const started = Date.now()
    const out = fs.openSync(serverLog, "a")
    fs.writeSync(out, `\n===== medusa ${args.join(" ")}\n`)
    const proc = run(medusaBin, args, { env: { ...env, ...extraEnv }, stdio: ["ignore", out, out] })
    fs.closeSync(out)
    processes.add(proc)
    const code = await proc.done
    processes.delete(proc)
    if (code !== 0) throw new Error(`medusa ${args.join(" ")} exited with code ${code}; log: ${serverLog}`)
    log(`${title} (${secs(Date.now() - started)})`)
  }

  /** Starts one `medusa start` (in `cwd`, the project by default) and waits for /health. */
  async function startServer({ extraEnv = {}, label = "server", cwd } = {}) {
    const port = await freePort()
    const started = Date.now()
    const out = fs.openSync(serverLog, "a")
    const proc = run(medusaBin, ["start", "--port", String(port)], {
      env: { ...env, PORT: String(port), ...extraEnv },
      stdio: ["ignore", out, out],
      ...(cwd ? { cwd } : {}),
    })
    fs.closeSync(out)
    processes.add(proc)
    let exited = null
    proc.done.then((code) => (exited = code))
    const base = `http://127.0.0.1:${port}`
    const healthy = await waitForHealth(base, { timeoutMs: 120_000, intervalMs: 300, stopped: () => exited !== null })
    if (exited !== null) throw new Error(`${label} exited with code ${exited} before /health answered; log: ${serverLog}`)
    if (!healthy) throw new Error(`${label}: /health did not answer within 120 s`)
    log(`${label} on port ${port}: /health after ${secs(Date.now() - started)}`)
    // Requests to a dead server fail with a bare "fetch failed": say why first.
    let stopped = false
    proc.done.then((code) => {
      if (!stopped && !cleaning) log(`${label} exited with code ${code} during the run; log: ${serverLog}`)
    })
    return {
      base,
      api: client(base),
      // The server's process group id (for reading its memory from /proc).
      pid: proc.child.pid,
      stop: () => {
        stopped = true
        proc.stop("SIGTERM")
        return proc.done
      },
    }
  }

  /** Stops every process, drops the database, stops PostgreSQL. Idempotent. */
  function cleanup({ keepLogs = false } = {}) {
    cleaning ??= (async () => {
      for (const proc of processes) proc.stop("SIGTERM")
      await Promise.race([Promise.all([...processes].map((p) => p.done)), sleep(15_000)])
      for (const proc of processes) proc.stop("SIGKILL")
      const admin = new pg.Client({ connectionString: baseUrl.toString() })
      try {
        await admin.connect()
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      } catch (e) {
        log(`could not drop database ${database}: ${e?.message ?? e}`)
      } finally {
        await admin.end().catch(() => {})
      }
      if (db) await db.stop().catch(() => {})
      if (keepLogs) log(`logs kept in ${tmp}`)
      else fs.rmSync(tmp, { recursive: true, force: true })
    })()
    return cleaning
  }

  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.removeAllListeners(signal)
    process.on(signal, async () => {
      await cleanup({ keepLogs: true })
      process.exit(130)
    })
  }

  /** The last lines of the server log, for a failure report. */
  function serverLogTail(lines = 40) {
    try {
      return fs.readFileSync(serverLog, "utf8").split("\n").slice(-lines).join("\n")
    } catch {
      return ""
    }
  }

  return {
    env,
    databaseUrl,
    /** Which PostgreSQL, for reports: "17.5 (embedded, fsync off)" or "17.5 (at host:port)". */
    postgres: `${postgresVersion} (${db ? "embedded, fsync off" : `at ${baseUrl.host}`})`,
    /** This run's temporary folder (server log, files a caller puts there); cleanup removes it. */
    tmpDir: tmp,
    serverLog,
    serverLogTail,
    medusa,
    startServer,
    cleanup,
    /** True once cleanup has begun (a signal, or the caller): requests failing now are expected. */
    get stopping() {
      return cleaning !== null
    },
  }
}

/**
 * Runs `main(app)` on a fresh app, cleans up and exits: with process.exitCode
 * (default 0) on success; with 1 on a failure, after logging it and the server
 * log's last lines, logs kept. A failure caused by a signal's cleanup (the
 * server stopped under a request) is not reported: the signal handler exits.
 * @param {{ name: string, log: (m: string) => void, keepLogs?: boolean }} options
 * @param {(app: Awaited<ReturnType<typeof createMedusaApp>>) => Promise<void>} main
 */
export async function withMedusaApp({ name, log, keepLogs = false }, main) {
  let app = null
  try {
    app = await createMedusaApp({ name, log })
    await main(app)
    await app.cleanup({ keepLogs })
    process.exit(process.exitCode ?? 0)
  } catch (error) {
    if (app?.stopping) {
      await app.cleanup().catch(() => {})
      process.exit(1)
    }
    log(`FAILED: ${error?.stack ?? error}`)
    const tail = app?.serverLogTail()
    if (tail) log(`last lines of the server log:\n${tail}`)
    await app?.cleanup({ keepLogs: true })
    process.exit(1)
  }
}
