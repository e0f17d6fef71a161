// Redis for the production-style checks (two instances, faults), spoken
// through ioredis. Each check takes a database index of its own, flushed
// before and after, so other apps' queues on the same server never mix in.
import Redis from "ioredis"

/**
 * Connects to REDIS_URL (default redis://127.0.0.1:6379) at database `db`;
 * null when no Redis answers (said in the log), so the caller decides
 * whether that is a skip or — with CI=true — a failure.
 */
export async function connectRedis({ db, log }) {
  const base = new URL(process.env.REDIS_URL || "redis://127.0.0.1:6379")
  const url = Object.assign(new URL(base), { pathname: `/${db}` }).toString()
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on("error", () => {}) // reported by connect() below
  try {
    await client.connect()
    const pong = await client.ping()
    if (pong !== "PONG") throw new Error(`PING answered ${pong}`)
  } catch (error) {
    client.disconnect()
    const ci = process.env.CI === "true"
    log(`${ci ? "FAIL" : "skipped"}: no Redis at ${base.host} (${error.message}); ${ci ? "CI=true never skips this check: start redis-server or set REDIS_URL" : "set REDIS_URL to run it"}`)
    return null
  }
  return {
    url,
    client,
    flush: () => client.flushdb(),
    async close() {
      await client.flushdb().catch(() => {})
      client.disconnect()
    },
  }
}
