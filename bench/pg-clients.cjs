// Bench-only: every copy of `pg`'s Client class the Medusa server loads
// (Knex and MikroORM may resolve different copies), for the preloaded
// instruments (profiler.cjs, sql-counter.cjs) to wrap Client.prototype.query.
const path = require("node:path")

/** Calls `patch(Client)` once for each distinct copy of `pg` reachable from the server's folder. */
function forEachPgClient(patch) {
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
    patch(require(resolved).Client)
  }
}

module.exports = { forEachPgClient }
