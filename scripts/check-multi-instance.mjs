// Production-style check: two `medusa start` instances on one database with
// the Redis event bus, workflow engine and locking. Proves that the coupon's
// usage limit and the unknown-code attempt limit hold across instances.
// Without Redis it skips (exit 0, says so) — except with CI=true, where no
// Redis answering is a failure: CI never skips the production-style checks.
//   node scripts/check-multi-instance.mjs        (REDIS_URL to pick a server)
import path from "node:path"
import fs from "node:fs"
import { ADMIN, createMedusaApp } from "./lib/medusa-app.mjs"
import { connectRedis } from "./lib/redis.mjs"

const log = (m) => process.stdout.write(`[multi] ${m}\n`)
// A database index of its own, flushed before and after, so queues of other
// apps on the same Redis never mix with this run's.
const REDIS_DB = 7

const results = { passed: 0, failed: 0 }
function check(name, ok, detail) {
  results[ok ? "passed" : "failed"] += 1
  log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`)
}

async function main() {
  const redis = await connectRedis({ db: REDIS_DB, log })
  if (!redis) {
    console.log(`multi-instance: 0 passed, ${process.env.CI === "true" ? "1 failed" : "0 failed, 1 skipped"}`)
    return process.env.CI === "true" ? 1 : 0
  }
  const { url: redisUrl } = redis
  await redis.flush()

  const app = await createMedusaApp({ name: "multi", log })
  try {
    const seedOut = path.join(app.tmpDir, "seed.json")
    await app.medusa("migrate", ["db:migrate"])
    await app.medusa("admin user", ["user", "-e", ADMIN.email, "-p", ADMIN.password])
    await app.medusa("seed", ["exec", "./bench/seed.ts"], { BENCH_SEED_OUT: seedOut })
    const store = JSON.parse(fs.readFileSync(seedOut, "utf8"))

    const redisEnv = { REDIS_URL: redisUrl }
    const [a, b] = await Promise.all([
      app.startServer({ extraEnv: redisEnv, label: "instance A" }),
      app.startServer({ extraEnv: redisEnv, label: "instance B" }),
    ])
    const instances = [a, b]
    const { json: login } = await a.api("POST", "/auth/user/emailpass", { body: ADMIN })
    const admin = { authorization: `Bearer ${login.token}` }
    await a.api("POST", "/admin/coupons", {
      headers: admin,
      body: { code: "MULTI10", title: "Ten uses", type: "fixed", amount: 2, currency_code: "usd", usage_limit: 10 },
    })

    const storeHeaders = { "x-publishable-api-key": store.publishable_key }
    const CARTS = 30
    const carts = []
    for (let i = 0; i < CARTS; i++) {
      const { api } = instances[i % 2]
      const { json } = await api("POST", "/store/carts", {
        headers: storeHeaders,
        body: {
          region_id: store.region_id,
          email: `multi-${i}@example.com`,
          items: [{ variant_id: store.variants.tee, quantity: 1 }],
          shipping_address: { first_name: "A", last_name: "B", address_1: "1 St", city: "NYC", country_code: "us", postal_code: "10001" },
        },
      })
      const id = json.cart.id
      await api("POST", `/store/carts/${id}/coupon`, { headers: storeHeaders, body: { code: "MULTI10" } })
      await api("POST", `/store/carts/${id}/shipping-methods`, { headers: storeHeaders, body: { option_id: store.shipping_option_id } })
      const { json: pc } = await api("POST", "/store/payment-collections", { headers: storeHeaders, body: { cart_id: id } })
      await api("POST", `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, {
        headers: storeHeaders,
        body: { provider_id: "pp_system_default" },
      })
      carts.push(id)
    }
    log(`${CARTS} carts ready with coupon MULTI10 (usage_limit 10), half made on each instance`)

    const outcomes = await Promise.all(
      carts.map((id, i) =>
        instances[(i + 1) % 2]
          .api("POST", `/store/carts/${id}/complete`, { headers: storeHeaders, expect: [200, 400, 409] })
          .then(({ json, status }) => ({ order: status === 200 && json?.type === "order", status, message: json?.message }))
      )
    )
    const orders = outcomes.filter((o) => o.order).length
    const refusals = outcomes.filter((o) => !o.order && /^Coupon MULTI10 has reached its usage limit/.test(o.message ?? "")).length
    const { json: listed } = await b.api("GET", "/admin/coupons?q=MULTI10", { headers: admin })
    check(
      "usage_limit 10 holds across two instances completing 30 carts at once",
      orders === 10 && refusals === CARTS - 10 && listed.coupons[0].usage_count === 10,
      `${orders} orders, ${refusals} refused with the limit message, usage_count ${listed.coupons[0].usage_count}`
    )

    const { json: guessCart } = await a.api("POST", "/store/carts", {
      headers: storeHeaders,
      body: { region_id: store.region_id, email: "guesser@example.com", items: [{ variant_id: store.variants.tee, quantity: 1 }] },
    })
    const cartId = guessCart.cart.id
    const statuses = []
    for (let i = 0; i < 10; i++) {
      const { status } = await instances[i % 2].api("POST", `/store/carts/${cartId}/coupon`, {
        headers: storeHeaders,
        body: { code: `GUESS${i}` },
        expect: [404, 429],
      })
      statuses.push(status)
    }
    const blocked = await b.api("POST", `/store/carts/${cartId}/coupon`, {
      headers: storeHeaders,
      body: { code: "GUESS10" },
      expect: [404, 429],
    })
    check(
      "10 unknown codes spread over both instances, then 429 from either",
      statuses.every((s) => s === 404) && blocked.status === 429 && Number(blocked.headers.get("retry-after")) > 0,
      `statuses ${statuses.join(",")} then ${blocked.status} (Retry-After ${blocked.headers.get("retry-after")})`
    )
  } catch (error) {
    check("multi-instance run", false, error.message)
    await app.cleanup({ keepLogs: true })
    await redis.close()
    console.log(`multi-instance: ${results.passed} passed, ${results.failed} failed`)
    return 1
  }
  await app.cleanup()
  await redis.close()
  console.log(`multi-instance: ${results.passed} passed, ${results.failed} failed`)
  return results.failed ? 1 : 0
}

process.exit(await main())
