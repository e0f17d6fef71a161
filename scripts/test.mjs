// `npm test`: the type check, unit tests, HTTP integration tests on a real
// Medusa app, the packaged-plugin check and the two-instance check.
// PostgreSQL is the embedded one unless DB_HOST (or DATABASE_URL) points at
// a server.
//   npm test                     everything
//   npm test -- types|unit|http|package|multi|faults [jest args...]   one part
//   HTTP_JOBS=n                  HTTP spec files run side by side (default 2)
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { PROJECT_ROOT, startEmbeddedPostgres } from "./lib/embedded-postgres.mjs"
import { run } from "./lib/run.mjs"

const [part = "all", ...jestArgs] = process.argv.slice(2)
const parts = part === "all" ? ["types", "unit", "http", "package", "multi", "faults"] : [part]
// Checks run as a command, each counted as one test.
const tsc = path.join(PROJECT_ROOT, "node_modules/.bin/tsc")
const COMMAND_CHECKS = {
  // The server code and tests, then the admin extension (its own tsconfig), as the editor sees them.
  types: [
    [tsc, ["--noEmit", "-p", PROJECT_ROOT]],
    [tsc, ["--noEmit", "-p", path.join(PROJECT_ROOT, "src/admin")]],
  ],
}
// Scripts that check the app from outside, each counted as one test.
const SCRIPT_CHECKS = {
  package: "scripts/check-packaged-plugin.mjs",
  // Two instances on Redis; skip themselves when no Redis answers, fail instead with CI=true.
  multi: "scripts/check-multi-instance.mjs",
  // One of the two killed mid-checkout, a claim's connection terminated (scripts/check-faults.mjs).
  faults: "scripts/check-faults.mjs",
}

const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", NODE_ENV: "test" }
let db = null

if (parts.some((p) => p !== "unit" && p !== "types")) {
  if (!env.DB_HOST && env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL)
    Object.assign(env, {
      DB_HOST: url.hostname,
      DB_PORT: url.port || "5432",
      DB_USERNAME: decodeURIComponent(url.username),
      DB_PASSWORD: decodeURIComponent(url.password),
    })
  }
  if (!env.DB_HOST) {
    db = await startEmbeddedPostgres({ name: "test", fast: true })
    Object.assign(env, {
      // "localhost": test-utils turns SSL on for any other host name.
      DB_HOST: "localhost",
      DB_PORT: String(db.port),
      DB_USERNAME: db.user,
      DB_PASSWORD: db.password,
    })
    console.log(`[test] embedded PostgreSQL on port ${db.port}`)
  } else {
    env.DB_USERNAME ??= "postgres"
    env.DB_PASSWORD ??= ""
    console.log(`[test] PostgreSQL at ${env.DB_HOST}:${env.DB_PORT ?? 5432}`)
  }
}

const jest = path.join(PROJECT_ROOT, "node_modules/.bin/jest")
const totals = { passed: 0, failed: 0 }
let exitCode = 0

let reportSeq = 0

/**
 * One jest process. `buffered`: its output is printed in one piece when it
 * ends, so specs running side by side do not interleave their lines.
 */
async function runJest(testType, args, { buffered = false } = {}) {
  reportSeq += 1
  const report = path.join(os.tmpdir(), `coupons-jest-${process.pid}-${reportSeq}-${testType.replace(":", "-")}.json`)
  const proc = run(jest, [...args, "--json", `--outputFile=${report}`], {
    env: { ...env, TEST_TYPE: testType },
    stdio: buffered ? ["ignore", "pipe", "pipe"] : "inherit",
  })
  const chunks = []
  if (buffered) {
    proc.child.stdout.on("data", (d) => chunks.push(d))
    proc.child.stderr.on("data", (d) => chunks.push(d))
  }
  const code = await proc.done
  if (buffered) process.stdout.write(Buffer.concat(chunks))
  if (fs.existsSync(report)) {
    const { numPassedTests, numFailedTests, numRuntimeErrorTestSuites } = JSON.parse(fs.readFileSync(report, "utf8"))
    totals.passed += numPassedTests
    totals.failed += numFailedTests + numRuntimeErrorTestSuites
    fs.rmSync(report)
  } else if (code !== 0) {
    // Jest writes no report when a failure cannot be serialised (an
    // AxiosError is circular); its own output above lists the failures.
    console.error(`[test] jest wrote no report (exit code ${code}); counting the run as 1 failure, see jest's output above`)
    totals.failed += 1
  }
  if (code !== 0) exitCode = code
}

for (const p of parts) {
  if (p === "unit") {
    await runJest("unit", jestArgs)
  } else if (p === "http") {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --experimental-vm-modules`.trim()
    // One jest process per spec file: each boots its own Medusa app, and
    // Medusa keeps process-wide state that a second app in the same process
    // can trip over (seen as "Loaders for module … failed").
    const flags = jestArgs.filter((a) => a.startsWith("-"))
    const wanted = jestArgs.filter((a) => !a.startsWith("-"))
    const specs = fs
      .readdirSync(path.join(PROJECT_ROOT, "integration-tests/http"))
      .filter((f) => f.endsWith(".spec.ts"))
      .map((f) => `integration-tests/http/${f}`)
      .filter((f) => !wanted.length || wanted.some((w) => f.includes(w.replace(/^\.\//, ""))))
    // HTTP_JOBS specs at a time (default 2): much of a spec's time is its
    // app booting and waiting on PostgreSQL, so two share 2 cores well.
    const jobs = Math.max(1, Number(env.HTTP_JOBS ?? 2) || 1)
    const queue = [...specs]
    const worker = async () => {
      while (queue.length) {
        const spec = queue.shift()
        await runJest("integration:http", [spec, "--runInBand", "--forceExit", ...flags], { buffered: jobs > 1 && specs.length > 1 })
      }
    }
    await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, worker))
  } else if (SCRIPT_CHECKS[p] || COMMAND_CHECKS[p]) {
    const commands = COMMAND_CHECKS[p] ?? [["node", [path.join(PROJECT_ROOT, SCRIPT_CHECKS[p])]]]
    let code = 0
    for (const [command, args] of commands) {
      code = await run(command, args, { env }).done
      if (code !== 0) break
    }
    if (code === 0) totals.passed += 1
    else {
      totals.failed += 1
      exitCode = code
    }
  } else {
    console.error(`unknown test part "${p}": use types, unit, http, package, multi or faults`)
    exitCode = 2
  }
}

await db?.stop()
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed`)
process.exit(exitCode || (totals.failed ? 1 : 0))
