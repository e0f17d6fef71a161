// Runs one command against the development database: DATABASE_URL when set,
// else the embedded PostgreSQL of `npm run dev`. Used for `npm run db:*`.
//   node scripts/with-db.mjs medusa db:generate coupon
import { startEmbeddedPostgres } from "./lib/embedded-postgres.mjs"
import { run } from "./lib/run.mjs"

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error("usage: node scripts/with-db.mjs <command> [args...]")
  process.exit(2)
}

let db = null
let databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) {
  db = await startEmbeddedPostgres({ name: "dev" })
  await db.ensureDatabase("medusa_coupons")
  databaseUrl = db.url("medusa_coupons")
}
const bin = command === "medusa" ? "node_modules/.bin/medusa" : command
const code = await run(bin, args, { env: { ...process.env, DATABASE_URL: databaseUrl, MEDUSA_DISABLE_TELEMETRY: "true" } }).done
await db?.stop()
process.exit(code)
