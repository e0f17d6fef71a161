import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The development app: Medusa with this plugin's code loaded from `src/`.
 * `npm run dev` and the integration tests run it; merchants install the built
 * plugin instead (README, "Install into your Medusa store").
 *
 * With REDIS_URL set it runs as in production: Redis event bus, workflow
 * engine, locking and cache, so several instances can share the work.
 */
const redisUrl = process.env.REDIS_URL

const redisModules = redisUrl
  ? [
      { key: Modules.EVENT_BUS, resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      {
        key: Modules.WORKFLOW_ENGINE,
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { redisUrl } },
      },
      {
        key: Modules.LOCKING,
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl },
            },
          ],
        },
      },
    ]
  : []

// Medusa's own gift-card and store-credit plugin, loaded beside this one to
// prove the two install together (integration-tests/http/loyalty-plugin.spec.ts).
const extraPlugins =
  process.env.COUPON_WITH_LOYALTY_PLUGIN === "true" ? [{ resolve: "@medusajs/loyalty-plugin", options: {} }] : []

// A payment provider that always declines, for the payment-hold tests only.
const testPaymentModules =
  process.env.COUPON_TEST_DECLINING_PAYMENT === "true"
    ? [
        {
          key: Modules.PAYMENT,
          resolve: "@medusajs/medusa/payment",
          options: { providers: [{ resolve: `${process.cwd()}/integration-tests/fixtures/declining-payment`, id: "decline" }] },
        },
      ]
    : []

export default defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:5173,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  plugins: extraPlugins,
  modules: [
    {
      resolve: "./src/modules/coupon",
      options: {
        use_url_template:
          process.env.COUPON_USE_URL_TEMPLATE || "http://localhost:8000/checkout?coupon={code}",
        coupon_page_base_url: process.env.COUPON_PAGE_BASE_URL || undefined,
      },
    },
    // Campaign coupons are sent through Medusa's Notification module (channel
    // "email", template "coupon-campaign"); in development the local provider
    // logs them. A store plugs its own e-mail provider in here.
    {
      key: Modules.NOTIFICATION,
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [{ resolve: "@medusajs/medusa/notification-local", id: "local", options: { channels: ["email"] } }],
      },
    },
    ...redisModules,
    ...testPaymentModules,
  ],
})
