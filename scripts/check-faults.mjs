// Faults: usage limits hold when a server dies mid-completion (rules.md §4).
// Two `medusa start` instances on Redis and one database; 200 carts complete
// against a coupon limited to 10 and 20 carts race one serial code, while
// instance A is killed (SIGKILL, its whole process group) midway and started
// again. Every cart is then completed again; time travel (every hold's
// expiry moved into the past in the database, as 30 minutes passing would)
// and more completions follow. At every point: orders carrying the coupon
// ≤ its limit; uses counted = orders + holds without an order; no use
// counted twice; only holds without an order released; the serial used once.
// Last, a claim's database connection is terminated (pg_terminate_backend)
// mid-completion: a clean error, nothing counted; the retry is counted once.
// Skips without Redis, except with CI=true (a failure).
//   node scripts/check-faults.mjs        (REDIS_URL to pick a server)
import fs from "node:fs"
import path from "node:path"
import pg from "pg"
import { ADMIN, createMedusaApp } from "./lib/medusa-app.mjs"
import { brokenInvariants, inBatches, ledger, readyCart } from "./lib/fault-store.mjs"
import { connectRedis } from "./lib/redis.mjs"

const log = (m) => process.stdout.write(`[faults] ${m}\n`)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const results = { passed: 0, failed: 0 }
function check(name, ok, detail) {
  results[ok ? "passed" : "failed"] += 1
  log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`)
}

const LIMIT = 10
const CARTS = 200
const SERIAL_CARTS = 20
const LATE = 20 // carts that applied the coupon early and complete only after the time travel

const redis = await connectRedis({ db: 8, log })
if (!redis) {
  console.log(`faults: 0 passed, ${process.env.CI === "true" ? "1 failed" : "0 failed, 1 skipped"}`)
  process.exit(process.env.CI === "true" ? 1 : 0)
}
await redis.flush()
const app = await createMedusaApp({ name: "faults", log })
let exitCode = 1
try {
  await run(app)
  exitCode = results.failed ? 1 : 0
} catch (error) {
  check("fault run", false, error?.stack ?? String(error))
  log(`last lines of the server log:\n${app.serverLogTail(30)}`)
}
await app.cleanup({ keepLogs: exitCode !== 0 })
await redis.close()
console.log(`faults: ${results.passed} passed, ${results.failed} failed`)
process.exit(exitCode)

async function run(app) {
  const t0 = Date.now()
  const seedOut = path.join(app.tmpDir, "seed.json")
  await app.medusa("migrate", ["db:migrate"])
  await app.medusa("admin user", ["user", "-e", ADMIN.email, "-p", ADMIN.password])
  await app.medusa("seed", ["exec", "./bench/seed.ts"], { BENCH_SEED_OUT: seedOut })
  const store = JSON.parse(fs.readFileSync(seedOut, "utf8"))
  // COUPON_TEST_DECLINING_PAYMENT adds a payment provider that always declines (medusa-config.ts).
  const start = (label) => app.startServer({ extraEnv: { REDIS_URL: redis.url, COUPON_TEST_DECLINING_PAYMENT: "true" }, label })
  const instances = await Promise.all([start("instance A"), start("instance B")])
  const { json: login } = await instances[0].api("POST", "/auth/user/emailpass", { body: ADMIN })
  const admin = { authorization: `Bearer ${login.token}` }
  const storeHeaders = { "x-publishable-api-key": store.publishable_key }
  const post = (i, url, body) => instances[i].api("POST", url, { headers: admin, body })

  await post(0, `/admin/regions/${store.region_id}`, { payment_providers: ["pp_system_default", "pp_decline_decline"] })
  await post(0, "/admin/coupons", { code: "LIMIT10", title: "Ten", type: "fixed", amount: 2, currency_code: "usd", usage_limit: LIMIT })
  const { json: serialCoupon } = await post(0, "/admin/coupons", { title: "Serial", type: "fixed", amount: 3, currency_code: "usd" })
  await post(0, `/admin/coupons/${serialCoupon.coupon.id}/codes`, { code: "RACEONE", quantity: 1 })
  await post(0, "/admin/coupons", { code: "TERM5", title: "Term", type: "fixed", amount: 1, currency_code: "usd", usage_limit: 5 })

  const plan = [
    ...Array.from({ length: CARTS + LATE }, (_, n) => ["LIMIT10", n]),
    ...Array.from({ length: SERIAL_CARTS + 5 }, (_, n) => ["RACEONE", n]),
  ]
  const ids = await inBatches(plan, 6, ([code, n], i) => readyCart(instances[i % 2].api, store, code, n))
  const carts = plan.map(([code, n], i) => ({ code, id: ids[i], late: code === "LIMIT10" ? n >= CARTS : n >= SERIAL_CARTS }))
  log(`${carts.length} carts ready (${((Date.now() - t0) / 1000).toFixed(0)} s since start)`)

  // One use held by a cart whose payment was declined: a hold without an
  // order, the only kind the time travel below may free.
  const declined = await readyCart(instances[1].api, store, "LIMIT10", "declined", "pp_decline_decline")
  await instances[1].api("POST", `/store/carts/${declined}/complete`, { headers: storeHeaders, expect: [200, 400] })

  // Watch the invariant "orders carrying the coupon ≤ its limit" at every point of the run.
  const maxSeen = { LIMIT10: 0, RACEONE: 0 }
  let watching = true
  const watcher = (async () => {
    while (watching) {
      for (const [code, limit] of [["LIMIT10", LIMIT], ["RACEONE", 1]]) {
        const { orders } = await ledger(app.databaseUrl, code)
        maxSeen[code] = Math.max(maxSeen[code], orders.length)
        if (orders.length > limit) log(`over the limit: ${orders.length} orders carry ${code}`)
      }
      await sleep(250)
    }
  })()

  const complete = (cart, i) =>
    instances[i % 2]
      .api("POST", `/store/carts/${cart.id}/complete`, { headers: storeHeaders, expect: [200, 400, 409, 500] })
      .then(({ json, status }) => (status === 200 && json?.type === "order" ? "order" : `refused ${status}`), (e) => `lost (${e.cause?.code ?? e.message})`)

  // Wave 1: every early cart completes, 40 at a time over both instances.
  // A dies as the fourth order comes back: the coupon's uses are then still
  // being claimed, its orders created and their events emitted, on A too.
  const early = carts.filter((c) => !c.late)
  let answered = 0
  let ordersAnswered = 0
  let killed = false
  const wave1 = inBatches(early, 40, async (cart, i) => {
    const outcome = await complete(cart, i)
    answered += 1
    if (outcome === "order") ordersAnswered += 1
    if (!killed && (ordersAnswered === 4 || answered === Math.floor(early.length / 3))) {
      killed = true
      process.kill(-instances[0].pid, "SIGKILL")
      log(`instance A killed (SIGKILL to its process group) after ${answered} answers, ${ordersAnswered} of them orders`)
    }
    return outcome
  })
  const outcomes1 = await wave1
  const tally = (outcomes) => Object.entries(outcomes.reduce((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {})).map(([k, v]) => `${v} ${k}`).join(", ")
  log(`wave 1: ${tally(outcomes1)}`)
  instances[0] = await start("instance A (restarted)")

  const judge = async (stage, settled = false) => {
    for (const [code, limit] of [["LIMIT10", LIMIT], ["RACEONE", 1]]) {
      const { broken, summary } = brokenInvariants(await ledger(app.databaseUrl, code), limit, { settled })
      check(`${stage}: ${code}`, broken.length === 0, broken.length ? `${broken.join("; ")} (${summary})` : summary)
    }
  }
  await judge("after the kill and restart")

  // Wave 2: every cart completed again (orders come back; nothing counts twice).
  let outcomes2 = await inBatches(early, 20, complete)
  log(`wave 2 (every cart again): ${tally(outcomes2)}`)
  // 409: the killed instance still holds the cart's completion lock (Medusa's 2-minute TTL); again until it lapses.
  for (const until = Date.now() + 150_000; outcomes2.includes("refused 409") && Date.now() < until; ) {
    await sleep(10_000)
    const again = early.filter((_, i) => outcomes2[i] === "refused 409")
    const retried = await inBatches(again, 10, complete)
    outcomes2 = outcomes2.map((o) => (o === "refused 409" ? retried.shift() : o))
    log(`wave 2, carts answered 409 again: ${tally(outcomes2)}`)
  }
  await sleep(2000) // order.placed subscribers of wave 2
  await judge("after completing every cart again", true)

  // Time travel: every hold runs out now, as after the 30-minute payment hold.
  const db = new pg.Client({ connectionString: app.databaseUrl })
  await db.connect()
  const { rowCount: moved } = await db.query(
    `UPDATE coupon_redemption SET hold_expires_at = now() - interval '1 second' WHERE status = 'held' AND deleted_at IS NULL`
  )
  log(`time travel: ${moved} hold(s) moved into the past`)
  const outcomes3 = await inBatches(carts.filter((c) => c.late), 10, complete)
  log(`wave 3 (carts that applied early, after the holds ran out): ${tally(outcomes3)}`)
  await sleep(2000)
  await judge("after the holds ran out and more carts completed", true)
  const final = await ledger(app.databaseUrl, "LIMIT10")
  const released = final.uses.filter((u) => u.status === "released")
  check(
    "only the declined cart's hold (no order) was released, and a late cart took its use",
    released.length === 1 && released[0].cart_id === declined && final.orders.length === LIMIT,
    `released ${released.map((u) => u.cart_id).join(", ") || "none"} (declined cart ${declined}); ${final.orders.length} orders`
  )
  watching = false
  await watcher
  check("orders carrying the coupon never exceeded the limit at any point", maxSeen.LIMIT10 <= LIMIT && maxSeen.RACEONE <= 1, `max seen LIMIT10 ${maxSeen.LIMIT10}/${LIMIT}, RACEONE ${maxSeen.RACEONE}/1`)
  const { json: consistency } = await instances[1].api("GET", "/admin/coupon-consistency", { headers: admin })
  check("consistency check reports no drift", consistency.consistency.ok, JSON.stringify(consistency.consistency.drift.slice(0, 3)))

  await terminatedClaim({ db, instances, store, storeHeaders })
  await db.end()
  log(`run took ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

/** A claim waiting for the coupon's row lock has its connection terminated; the retry must count once. */
async function terminatedClaim({ db, instances, store, storeHeaders }) {
  const cartId = await readyCart(instances[1].api, store, "TERM5", 0)
  await db.query("BEGIN")
  await db.query("SELECT id FROM coupon WHERE code = 'TERM5' FOR UPDATE")
  const answer = instances[1].api("POST", `/store/carts/${cartId}/complete`, { headers: storeHeaders, expect: [200, 400, 409, 500, 503] })
  let terminated = 0
  // The completion reaches its claim after judging the cart: seconds on a busy machine.
  for (let i = 0; i < 600 && !terminated; i++) {
    // The backend waiting for the coupon row this connection holds: the claim's.
    const { rows } = await db.query(`SELECT pid, query FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))`)
    if (rows.length) log(`terminating the claim's connection (pid ${rows[0].pid}: ${rows[0].query.slice(0, 60)})`)
    for (const { pid } of rows) terminated += (await db.query("SELECT pg_terminate_backend($1) AS ok", [pid])).rows[0].ok ? 1 : 0
    if (!terminated) await sleep(100)
  }
  await db.query("COMMIT")
  const first = await answer
  await sleep(1000)
  const counted = async () =>
    (
      await db.query(
        `SELECT c.usage_count, (SELECT count(*) FROM coupon_redemption r WHERE r.coupon_id = c.id AND r.status IN ('held', 'redeemed')) AS uses,
                (SELECT count(*) FROM order_cart oc WHERE oc.cart_id = $1 AND oc.deleted_at IS NULL) AS orders
           FROM coupon c WHERE c.code = 'TERM5'`,
        [cartId]
      )
    ).rows[0]
  const afterFailure = await counted()
  check(
    "a claim whose connection is terminated fails cleanly and counts nothing",
    terminated === 1 && first.status >= 400 && typeof first.json?.message === "string" && afterFailure.usage_count === 0 && Number(afterFailure.uses) === 0 && Number(afterFailure.orders) === 0,
    `terminated ${terminated} backend(s); answer ${first.status} ${JSON.stringify(first.json?.message)}; usage_count ${afterFailure.usage_count}, uses ${afterFailure.uses}, orders ${afterFailure.orders}`
  )
  const retry = await instances[1].api("POST", `/store/carts/${cartId}/complete`, { headers: storeHeaders, expect: [200, 400, 409, 500] })
  await sleep(1500)
  const afterRetry = await counted()
  check(
    "its retry completes and is counted once",
    retry.json?.type === "order" && afterRetry.usage_count === 1 && Number(afterRetry.uses) === 1 && Number(afterRetry.orders) === 1,
    `retry ${retry.status} ${retry.json?.type}; usage_count ${afterRetry.usage_count}, uses ${afterRetry.uses}, orders ${afterRetry.orders}`
  )
}
