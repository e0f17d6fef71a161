// `npm run test:package` (and the `package` part of `npm test`): proves the
// plugin works as a merchant installs it, from the npm tarball, not from src/.
//
//   1. `medusa plugin:build` in the repository root (→ .medusa/server);
//   2. `npm pack` into a temp folder (exercises `files` and `exports`) and
//      extract the tarball into <app>/node_modules/medusa-plugin-coupons, where
//      <app> = .data/packaged-app-<pid> (git-ignored, dot-folder: the dev
//      watcher ignores it; @medusajs/* resolve from the repo's node_modules by
//      walking up);
//   3. write the app's package.json and medusa-config.js (plugin registered by
//      package name with `use_url_template`, admin disabled) and create a fresh
//      database medusa_coupons_packaged_<pid>;
//   4. `medusa db:migrate` (asserts the plugin's `coupon` table exists),
//      `medusa user`, `medusa start` on a free port, /health, admin login,
//      GET/POST /admin/coupons, GET /admin/coupon-settings;
//   5. `medusa start` with `use_url_template: "no-placeholder"` must exit
//      non-zero with "invalid plugin options" and "use_url_template";
//   6. always: stop the server's process group, drop the database, remove the
//      app folder and the pack folder, stop the embedded PostgreSQL if started
//      here.
//
// PostgreSQL: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD when DB_HOST is set (or
// DATABASE_URL), else an embedded server (`.data/postgres-package`).
// VERBOSE=1 streams Medusa's output; otherwise it is shown only on failure.
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import pg from "pg"
import { PROJECT_ROOT, startEmbeddedPostgres } from "./lib/embedded-postgres.mjs"
import { freePort, sleep, stopGroup, waitForHealth } from "./lib/process.mjs"
import { medusaBin, run } from "./lib/run.mjs"

// embedded-postgres (async-exit-hook) stops PostgreSQL and exits on these
// signals as soon as it is imported: the server and the database must be
// cleaned up first, so we handle them ourselves (see the bottom).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.removeAllListeners(signal)

const PLUGIN = "medusa-plugin-coupons"
const REPO_PKG = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"))
const GOOD_TEMPLATE = "https://shop.example.com/wallet?code={code}"
const ADMIN = { email: "admin@packaged.test", password: "secret123" }
const VERBOSE = ["1", "true"].includes(process.env.VERBOSE ?? "")
const TIMEOUTS = { build: 120_000, migrate: 120_000, user: 60_000, health: 90_000, badStart: 60_000 }

const started = Date.now()
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`
const log = (m) => process.stdout.write(`[package] ${m}\n`)

const appDir = path.join(PROJECT_ROOT, ".data", `packaged-app-${process.pid}`)
const database = `medusa_coupons_packaged_${process.pid}`
let packDir = null
let embedded = null
let conn = null // { host, port, user, password }
let server = null // the running `medusa start` ({ child, done, stop })
let databaseCreated = false
let cleaning = null
const timings = []

class CheckError extends Error {}
const fail = (message) => {
  throw new CheckError(message)
}

async function step(title, fn) {
  const t = Date.now()
  log(`▶ ${title}`)
  const result = await fn()
  const ms = Date.now() - t
  timings.push([title, ms])
  log(`✔ ${title} (${secs(ms)})`)
  return result
}

// ---------------------------------------------------------------- helpers


function databaseUrl(db) {
  const auth = encodeURIComponent(conn.user) + (conn.password ? `:${encodeURIComponent(conn.password)}` : "")
  return `postgres://${auth}@${conn.host}:${conn.port}/${db}`
}

async function withPg(db, fn) {
  const client = new pg.Client({ ...conn, database: db, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/** Environment of the merchant's app processes. */
function appEnv(extra = {}) {
  const env = {
    ...process.env,
    NODE_ENV: "production",
    MEDUSA_DISABLE_TELEMETRY: "true",
    DATABASE_URL: databaseUrl(database),
    ...extra,
  }
  // Variables of the test runner / dev setup that a merchant's app would not see.
  for (const key of ["TEST_TYPE", "REDIS_URL", "MEDUSA_WORKER_MODE", "DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "DB_NAME"]) {
    delete env[key]
  }
  return env
}

/**
 * Runs a command in its own process group, collecting its output (streamed
 * too with VERBOSE=1). Resolves { code, output, timedOut }.
 */
function spawnCollect(command, args, { cwd, env, timeout, label }) {
  const proc = run(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
  const chunks = []
  const collect = (stream) => (chunk) => {
    chunks.push(chunk)
    if (VERBOSE) stream.write(chunk)
  }
  proc.child.stdout.on("data", collect(process.stdout))
  proc.child.stderr.on("data", collect(process.stderr))
  proc.output = () => Buffer.concat(chunks).toString("utf8")
  proc.label = label
  let timer = null
  let timedOut = false
  if (timeout) {
    timer = setTimeout(() => {
      timedOut = true
      proc.stop("SIGKILL")
    }, timeout)
  }
  proc.result = proc.done.then((code) => {
    clearTimeout(timer)
    return { code, output: proc.output(), timedOut }
  })
  return proc
}

function tail(output, lines = 60) {
  // eslint-disable-next-line no-control-regex
  const clean = output.replace(/\x1b\[[0-9;]*m/g, "")
  return clean.trimEnd().split("\n").slice(-lines).map((l) => `    │ ${l}`).join("\n")
}

async function runMedusa(args, { timeout, env = appEnv(), cwd = appDir }) {
  const label = `medusa ${args.join(" ")}`
  const { code, output, timedOut } = await spawnCollect(medusaBin, args, { cwd, env, timeout, label }).result
  if (timedOut) fail(`${label} did not finish within ${secs(timeout)}\n${tail(output)}`)
  if (code !== 0) fail(`${label} exited with code ${code}\n${tail(output)}`)
  return output
}

async function http(port, method, urlPath, { token, body } = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method,
    headers: {
      ...(body ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  })
  const text = await res.text()
  let json = null
  try {
    json = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: res.status, json, text }
}

function expectStatus(res, status, what) {
  if (res.status !== status) {
    fail(`${what}: expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 1000)}`)
  }
}

/** Waits until /health answers 200, or the server exits, or the timeout. */
async function waitForServer(proc, port, timeout) {
  let exited = null
  proc.done.then((code) => (exited = code))
  const healthy = await waitForHealth(`http://127.0.0.1:${port}`, { timeoutMs: timeout, stopped: () => exited !== null })
  if (exited !== null) fail(`medusa start exited with code ${exited} before /health answered\n${tail(proc.output())}`)
  if (!healthy) fail(`/health on port ${port} did not answer within ${secs(timeout)}\n${tail(proc.output())}`)
}

async function stopServer(proc, graceMs = 10_000) {
  if (proc) await stopGroup(proc.child.pid, { graceMs })
}

function writeApp(useUrlTemplate) {
  fs.writeFileSync(
    path.join(appDir, "package.json"),
    JSON.stringify(
      {
        name: "packaged-plugin-check-app",
        version: "0.0.0",
        private: true,
        // The Medusa CLI only runs project commands (db:migrate, start, user)
        // in a folder whose package.json depends on @medusajs/medusa or
        // @medusajs/cli. Versions: what this repository resolves them to.
        dependencies: {
          "@medusajs/cli": REPO_PKG.devDependencies["@medusajs/cli"],
          "@medusajs/framework": REPO_PKG.devDependencies["@medusajs/framework"],
          "@medusajs/medusa": REPO_PKG.devDependencies["@medusajs/medusa"],
          [PLUGIN]: REPO_PKG.version,
        },
      },
      null,
      2
    ) + "\n"
  )
  fs.writeFileSync(
    path.join(appDir, "medusa-config.js"),
    `// Written by scripts/check-packaged-plugin.mjs: a merchant's app that
// installs the packaged plugin. Deleted after the check.
const { defineConfig } = require("@medusajs/framework/utils")

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000",
      jwtSecret: "packaged-check-jwt-secret",
      cookieSecret: "packaged-check-cookie-secret",
    },
  },
  admin: { disable: true },
  plugins: [
    {
      resolve: ${JSON.stringify(PLUGIN)},
      options: { use_url_template: ${JSON.stringify(useUrlTemplate)} },
    },
  ],
})
`
  )
}

// ---------------------------------------------------------------- cleanup

async function cleanup() {
  cleaning ??= (async () => {
    const t = Date.now()
    const problems = []
    const attempt = async (what, fn) => {
      try {
        await fn()
      } catch (e) {
        problems.push(`${what}: ${e?.message ?? e}`)
      }
    }
    await attempt("stop medusa start", () => stopServer(server))
    if (databaseCreated) {
      await attempt(`drop database ${database}`, () =>
        withPg("postgres", (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
      )
    }
    await attempt(`remove ${path.relative(PROJECT_ROOT, appDir)}`, () =>
      fs.promises.rm(appDir, { recursive: true, force: true })
    )
    if (packDir) await attempt(`remove ${packDir}`, () => fs.promises.rm(packDir, { recursive: true, force: true }))
    if (embedded) await attempt("stop embedded PostgreSQL", () => embedded.stop())
    for (const p of problems) log(`cleanup problem: ${p}`)
    log(`cleanup done (${secs(Date.now() - t)})`)
    return problems
  })()
  return cleaning
}

let interrupted = false
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, async () => {
    if (interrupted) return
    interrupted = true
    log(`${signal} received: cleaning up`)
    await cleanup()
    process.exit(130)
  })
}

// ---------------------------------------------------------------- the check

async function main() {
  await step("connect to PostgreSQL", async () => {
    let { DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD } = process.env
    if (!DB_HOST && process.env.DATABASE_URL) {
      const url = new URL(process.env.DATABASE_URL)
      DB_HOST = url.hostname
      DB_PORT = url.port
      DB_USERNAME = decodeURIComponent(url.username)
      DB_PASSWORD = decodeURIComponent(url.password)
    }
    if (DB_HOST) {
      conn = { host: DB_HOST, port: Number(DB_PORT || 5432), user: DB_USERNAME || "postgres", password: DB_PASSWORD ?? "" }
      log(`  PostgreSQL at ${conn.host}:${conn.port} (user ${conn.user})`)
    } else {
      embedded = await startEmbeddedPostgres({ name: "package", fast: true })
      conn = { host: embedded.host, port: embedded.port, user: embedded.user, password: embedded.password }
      log(`  embedded PostgreSQL on port ${conn.port} (${embedded.databaseDir})`)
    }
    await withPg("postgres", (c) => c.query("SELECT 1"))
  })

  await step("medusa plugin:build", () =>
    runMedusa(["plugin:build"], { cwd: PROJECT_ROOT, timeout: TIMEOUTS.build, env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" } })
  )

  const tarball = await step("npm pack", async () => {
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), "coupons-pack-"))
    // --ignore-scripts: the build above is the one under test.
    const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", packDir], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    })
    const [info] = JSON.parse(out.slice(out.indexOf("[")))
    const files = info.files.map((f) => f.path)
    const required = [
      "package.json",
      ".medusa/server/src/modules/coupon/index.js",
      ".medusa/server/src/modules/coupon/options.js",
      ".medusa/server/src/api/middlewares.js",
      ".medusa/server/src/api/admin/coupons/route.js",
      ".medusa/server/src/admin/index.js",
    ]
    const missing = required.filter((f) => !files.includes(f))
    if (missing.length) fail(`tarball lacks ${missing.join(", ")}`)
    if (!files.some((f) => /^\.medusa\/server\/src\/modules\/coupon\/migrations\/Migration\d+\.js$/.test(f))) {
      fail("tarball has no compiled migrations of the coupon module")
    }
    const stray = files.filter((f) => !f.startsWith(".medusa/server/") && !/^(package\.json|README[^/]*|LICEN[CS]E[^/]*|CHANGELOG[^/]*)$/i.test(f))
    if (stray.length) fail(`tarball contains files outside .medusa/server: ${stray.slice(0, 10).join(", ")}`)
    // The development app's config and demo seed are this repository's, not the plugin's.
    const devOnly = files.filter((f) => f === ".medusa/server/medusa-config.js" || f.startsWith(".medusa/server/src/scripts/"))
    if (devOnly.length) fail(`tarball contains the development app's files: ${devOnly.join(", ")}`)
    const links = files.filter((f) => f.startsWith(".medusa/server/src/links/"))
    if (!links.length) fail("tarball has no module links (src/links)")
    log(`  ${info.filename}: ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} kB packed`)
    return path.join(packDir, info.filename)
  })

  await step(`install the tarball into ${path.relative(PROJECT_ROOT, appDir)}`, async () => {
    const target = path.join(appDir, "node_modules", PLUGIN)
    fs.mkdirSync(target, { recursive: true })
    execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"], { stdio: "inherit" })
    writeApp(GOOD_TEMPLATE)
    // Node must find the packaged copy, not the repository (same name).
    const resolved = execFileSync(
      process.execPath,
      ["-e", `process.stdout.write(require.resolve(${JSON.stringify(`${PLUGIN}/modules/coupon`)}))`],
      { cwd: appDir, encoding: "utf8" }
    )
    if (!resolved.startsWith(target + path.sep)) fail(`${PLUGIN}/modules/coupon resolved to ${resolved}, not the installed package`)
    if (fs.existsSync(path.join(target, "src"))) fail("the installed package contains src/")
  })

  await step(`create database ${database}`, async () => {
    await withPg("postgres", (c) => c.query(`CREATE DATABASE "${database}"`))
    databaseCreated = true
  })

  await step("medusa db:migrate", async () => {
    await runMedusa(["db:migrate"], { timeout: TIMEOUTS.migrate })
    const tables = await withPg(database, (c) =>
      c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'coupon%' ORDER BY 1")
    )
    const names = tables.rows.map((r) => r.table_name)
    if (!names.includes("coupon")) fail(`no "coupon" table after medusa db:migrate (coupon tables: ${names.join(", ") || "none"})`)
    log(`  plugin tables: ${names.join(", ")}`)
  })

  await step(`medusa user -e ${ADMIN.email}`, () =>
    runMedusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], { timeout: TIMEOUTS.user })
  )

  const port = await freePort()
  await step(`medusa start on port ${port} until /health answers`, async () => {
    server = spawnCollect(medusaBin, ["start"], { cwd: appDir, env: appEnv({ PORT: String(port) }), label: "medusa start" })
    await waitForServer(server, port, TIMEOUTS.health)
  })

  await step("admin API through the packaged plugin", async () => {
    const login = await http(port, "POST", "/auth/user/emailpass", { body: ADMIN })
    expectStatus(login, 200, "POST /auth/user/emailpass")
    const token = login.json?.token
    if (!token) fail(`POST /auth/user/emailpass returned no token: ${login.text}`)

    const list = await http(port, "GET", "/admin/coupons", { token })
    expectStatus(list, 200, "GET /admin/coupons")
    if (!Array.isArray(list.json?.coupons) || list.json.coupons.length !== 0 || list.json.count !== 0) {
      fail(`GET /admin/coupons: expected { coupons: [], count: 0 }, got ${list.text}`)
    }

    const created = await http(port, "POST", "/admin/coupons", {
      token,
      body: { code: "PACKAGED5", title: "Packaged", type: "fixed", amount: 5, currency_code: "usd" },
    })
    expectStatus(created, 200, "POST /admin/coupons")
    if (created.json?.coupon?.code !== "PACKAGED5") fail(`POST /admin/coupons: expected code PACKAGED5, got ${created.text}`)

    const settings = await http(port, "GET", "/admin/coupon-settings", { token })
    expectStatus(settings, 200, "GET /admin/coupon-settings")
    if (!settings.json?.settings) fail(`GET /admin/coupon-settings: no settings in ${settings.text}`)

    const anonymous = await http(port, "GET", "/admin/coupons")
    expectStatus(anonymous, 401, "GET /admin/coupons without a token")
    log(`  login ✓ · list {coupons: [], count: 0} ✓ · created ${created.json.coupon.id} (PACKAGED5) ✓ · settings ✓ · 401 without token ✓`)
  })

  await step("stop medusa start", async () => {
    await stopServer(server)
    server = null
  })

  await step('medusa start with use_url_template: "no-placeholder" must fail', async () => {
    writeApp("no-placeholder")
    const badPort = await freePort()
    const proc = spawnCollect(medusaBin, ["start"], {
      cwd: appDir,
      env: appEnv({ PORT: String(badPort) }),
      label: "medusa start (bad options)",
    })
    server = proc // cleaned up if anything goes wrong
    // It must exit by itself; a server that answers /health accepted the options.
    let healthy = false
    const watcher = (async () => {
      while (!healthy) {
        try {
          const res = await fetch(`http://127.0.0.1:${badPort}/health`, { signal: AbortSignal.timeout(1_000) })
          if (res.ok) healthy = true
        } catch {
          // not listening
        }
        await sleep(500)
      }
    })()
    const timeout = setTimeout(() => proc.stop("SIGKILL"), TIMEOUTS.badStart)
    const code = await Promise.race([proc.done, watcher.then(() => "healthy")])
    clearTimeout(timeout)
    healthy = true // ends the watcher
    const output = proc.output()
    if (code === "healthy") fail(`medusa start accepted use_url_template "no-placeholder" and answered /health\n${tail(output)}`)
    await stopServer(proc)
    server = null
    if (code === 0) fail(`medusa start with invalid options exited with code 0\n${tail(output)}`)
    for (const text of ["invalid plugin options", "use_url_template"]) {
      if (!output.includes(text)) fail(`medusa start exited with ${code} but its output lacks "${text}"\n${tail(output)}`)
    }
    const line = output.split("\n").find((l) => l.includes("use_url_template"))
    log(`  exited with code ${code}: ${line?.trim()}`)
  })
}

let exitCode = 0
try {
  await main()
} catch (e) {
  exitCode = 1
  if (!interrupted) log(`✘ FAILED: ${e instanceof CheckError ? e.message : e?.stack ?? e}`)
}
const problems = await cleanup()
if (problems.length && !exitCode) exitCode = 1
log("timings:")
for (const [title, ms] of timings) log(`  ${secs(ms).padStart(7)}  ${title}`)
log(`${exitCode ? "✘ packaged plugin check FAILED" : "✔ packaged plugin check passed"} in ${secs(Date.now() - started)}`)
process.exit(exitCode)
