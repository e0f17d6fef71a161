// Preloaded into the Medusa server by `BENCH_SQL=1 npm run bench`
// (NODE_OPTIONS=--require): appends every SQL statement sent through `pg`
// to $BENCH_SQL_LOG as "<epoch ms>\t<statement on one line>", so the bench
// can count the statements each timed request issued. Synchronous writes:
// slow, which is why timings taken with it on are only indicative.
const fs = require("node:fs")
const { forEachPgClient } = require("./pg-clients.cjs")

const file = process.env.BENCH_SQL_LOG
if (file) {
  forEachPgClient((Client) => {
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
  })
}
