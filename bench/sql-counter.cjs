// Preloaded into the Medusa server by `BENCH_SQL=1 npm run bench`
// (NODE_OPTIONS=--require): appends every SQL statement sent through `pg`
// to $BENCH_SQL_LOG as "<epoch ms>\t<statement on one line>", so the bench
// can count the statements each timed request issued. Synchronous writes:
// slow, which is why timings taken with it on are only indicative.
const fs = require("node:fs")
const path = require("node:path")

const file = process.env.BENCH_SQL_LOG
if (file) {
  // Knex and MikroORM may load different copies of `pg`: patch every one.
  const roots = [process.cwd(), path.join(process.cwd(), "node_modules/@mikro-orm/postgresql")]
  const patched = new Set()
  for (const root of roots) {
    let resolved
    try {
      resolved = require.resolve("pg", { paths: [root] })
    } catch {
      continue
    }
    if (patched.has(resolved)) continue
    patched.add(resolved)
    const Client = require(resolved).Client
    const query = Client.prototype.query
    Client.prototype.query = function (config, ...rest) {
      const text = typeof config === "string" ? config : config?.text
      if (text) {
        try {
          fs.appendFileSync(file, `${Date.now()}\t${String(text).replace(/\s+/g, " ").trim()}\n`)
        } catch {
          // never break the server for a log line
        }
      }
      return query.call(this, config, ...rest)
    }
  }
}
