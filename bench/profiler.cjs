// Bench-only instrumentation, preloaded into the Medusa server by the
// profile phase of `node bench/run.mjs` (NODE_OPTIONS=--require). Never part
// of the plugin: it patches, in this one process,
//   - every copy of `pg`'s Client.query: each SQL statement with its start
//     and duration (until its result, or until a COPY stream ends);
//   - Medusa's workflow engine (DistributedTransaction.emit): each step's
//     begin → success/failure, named "<workflow> › <step>", so hooks show up
//     as the steps they are (e.g. "update-cart-promotions › validate");
//   - Node's HTTP server: each request's start and server-side duration.
// Entries are kept in memory and appended to $BENCH_PROFILE_LOG as JSON lines
// every 100 ms (asynchronously: a synchronous write per statement would
// dominate what it measures). Times are epoch milliseconds with sub-ms
// precision, so the bench client can attribute entries to the request it
// timed (its requests are sequential).
const fs = require("node:fs")
const { forEachPgClient } = require("./pg-clients.cjs")
const http = require("node:http")
const { performance } = require("node:perf_hooks")

const file = process.env.BENCH_PROFILE_LOG
if (file) {
  const origin = performance.timeOrigin
  const now = () => origin + performance.now()
  let pending = []
  const record = (entry) => pending.push(JSON.stringify(entry))
  const flush = () => {
    if (!pending.length) return
    const text = pending.join("\n") + "\n"
    pending = []
    fs.appendFile(file, text, () => {})
  }
  setInterval(flush, 100).unref()
  process.on("exit", () => {
    if (pending.length) fs.appendFileSync(file, pending.join("\n") + "\n")
  })

  // --- SQL ------------------------------------------------------------------
  forEachPgClient((Client) => {
    const query = Client.prototype.query
    Client.prototype.query = function (config, values, callback) {
      const text = typeof config === "string" ? config : config?.text
      if (!text) return query.apply(this, arguments)
      const t = now()
      const done = () => record({ k: "sql", t, d: now() - t, sql: String(text).replace(/\s+/g, " ").trim().slice(0, 400) })
      // Submittables (COPY streams): timed until the stream ends or fails.
      if (config && typeof config.submit === "function") {
        const result = query.apply(this, arguments)
        if (typeof config.once === "function") {
          let ended = false
          const end = () => {
            if (!ended) (ended = true), done()
          }
          config.once("end", end)
          config.once("finish", end)
          config.once("error", end)
        }
        return result
      }
      const cb = typeof values === "function" ? values : callback
      if (typeof cb === "function") {
        const wrapped = function () {
          done()
          return cb.apply(this, arguments)
        }
        return typeof values === "function" ? query.call(this, config, wrapped) : query.call(this, config, values, wrapped)
      }
      const result = query.apply(this, arguments)
      if (result && typeof result.then === "function") {
        result.then(done, done)
      }
      return result
    }
  })

  // --- workflow steps ---------------------------------------------------------
  try {
    const orchestration = require(require.resolve("@medusajs/orchestration", { paths: [process.cwd()] }))
    const { DistributedTransaction } = orchestration
    const begun = new Map()
    const emit = DistributedTransaction.prototype.emit
    DistributedTransaction.prototype.emit = function (event, payload) {
      try {
        const step = payload?.step
        if (step) {
          const key = `${this.transactionId}\u0000${step.id}`
          if (event === "stepBegin" || event === "compensateStepBegin") {
            begun.set(key, now())
          } else if (begun.has(key)) {
            const t = begun.get(key)
            begun.delete(key)
            const name = step.definition?.action ?? step.id
            record({ k: "step", t, d: now() - t, wf: this.modelId, step: name, ev: event })
          }
        }
      } catch {
        // never break a workflow for a profile entry
      }
      return emit.apply(this, arguments)
    }
  } catch (error) {
    record({ k: "note", t: now(), msg: `workflow steps not profiled: ${error?.message ?? error}` })
  }

  // --- HTTP requests ------------------------------------------------------------
  const serverEmit = http.Server.prototype.emit
  http.Server.prototype.emit = function (event, req, res) {
    if (event === "request" && res) {
      const t = now()
      res.once("finish", () => record({ k: "req", t, d: now() - t, method: req.method, url: String(req.url).split("?")[0] }))
    }
    return serverEmit.apply(this, arguments)
  }
}
