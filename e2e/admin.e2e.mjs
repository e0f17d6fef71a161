// `npm run test:e2e`: the admin dashboard driven as a person would, in
// Debian's Chromium (no browser download), against `npm run dev`.
//
//   1. starts `npm run dev` on a free port (its own process group; its output
//      goes to .e2e-artifacts/dev.log) and waits for the ready block;
//   2. logs in, creates a coupon through the form (one field first rejected
//      by the API), finds it in the list with the stat cards updated,
//      generates 1,000 codes and watches the progress bar reach done, opens
//      a customer (wallet widget, assigns the coupon) and an order placed
//      with it (coupon widget), and visits every other plugin page;
//   3. saves a screenshot of each page to .e2e-artifacts/ (git-ignored);
//   4. stops the dev server's process group (Medusa, then PostgreSQL).
//
// Environment: CHROMIUM (default /usr/bin/chromium), E2E_PORT (default: a
// free port), E2E_KEEP_BROWSER_LOG=1 prints the browser console.
// The last line is "e2e: N passed, M failed"; the exit code is 1 on failures.
import { spawn } from "node:child_process"
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { chromium } from "playwright-core"
import { freePort, signalGroup, sleep, waitForHealth } from "../scripts/lib/process.mjs"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const ARTIFACTS = path.join(ROOT, ".e2e-artifacts")
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium"
const READY_TIMEOUT_MS = 15 * 60_000
const STOP_TIMEOUT_MS = 60_000
const UI_TIMEOUT_MS = 60_000
// The first visit of a page compiles the admin in Vite's dev server.
const FIRST_LOAD_TIMEOUT_MS = 240_000

const results = []
let shotNumber = 0

const log = (message) => process.stdout.write(`[e2e] ${message}\n`)


// ---- the dev server ----------------------------------------------------------

/** Starts `npm run dev` in its own process group and resolves with the values of its ready block. */
function startDevServer(port) {
  const logFile = createWriteStream(path.join(ARTIFACTS, "dev.log"))
  const child = spawn("npm", ["run", "dev"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), MEDUSA_DISABLE_TELEMETRY: "true" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })))
  // npm may exit before the launcher has stopped PostgreSQL; its last line says it has.
  let onStopped = () => {}
  const stoppedLine = new Promise((resolve) => (onStopped = resolve))
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run dev printed no ready block within ${READY_TIMEOUT_MS / 60_000} minutes`)), READY_TIMEOUT_MS)
    const onData = (chunk) => {
      logFile.write(chunk)
      output += chunk.toString()
      if (/\[dev\] stopped/.test(output)) onStopped()
      const block = output.match(/development server is ready[\s\S]*?Ctrl-C stops/)
      if (!block) return
      clearTimeout(timer)
      const field = (name) => block[0].match(new RegExp(`${name}:\\s+(\\S+)`))?.[1]
      const login = block[0].match(/Login:\s+(\S+) \/ (\S+)/)
      resolve({
        adminUrl: field("Admin"),
        storeUrl: field("Store API"),
        email: login?.[1],
        password: login?.[2],
        publishableKey: field("Publishable key"),
        regionId: field("Region"),
      })
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`npm run dev exited (${signal ?? `code ${code}`}) before it was ready; see .e2e-artifacts/dev.log`))
    })
  })
  return {
    ready,
    /** SIGTERM to the whole group (npm and the dev supervisor, which stops Medusa, then PostgreSQL). */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      signalGroup(child.pid, "SIGTERM")
      const stopped = await Promise.race([
        Promise.all([exited, stoppedLine]).then(() => true),
        sleep(STOP_TIMEOUT_MS).then(() => false),
      ])
      if (!stopped) {
        log("the dev server did not stop within 60 s: killing it")
        signalGroup(child.pid, "SIGKILL")
        await exited
      }
      logFile.end()
    },
  }
}

async function waitForServer(base, timeoutMs = 180_000) {
  if (!(await waitForHealth(base, { timeoutMs, intervalMs: 500 }))) {
    throw new Error(`${base}/health did not answer within ${timeoutMs / 1000} s`)
  }
}

// ---- HTTP helpers for test data --------------------------------------------

function api(base, { token, publishableKey } = {}) {
  return async (method, url, body) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(publishableKey ? { "x-publishable-api-key": publishableKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let json = null
    try {
      json = JSON.parse(text)
    } catch {
      // not JSON
    }
    if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`)
    return json
  }
}

/** A guest checkout with the customer's e-mail (Medusa links it to that customer) and a coupon code. */
async function placeOrder(store, { regionId, email, code }) {
  const { products } = await store("GET", `/store/products?region_id=${regionId}&fields=id,title,*variants,*variants.calculated_price&limit=50`)
  const product = products.find((p) => p.title === "Classic Logo Tee") ?? products[0]
  const variant = product.variants.find((v) => v.calculated_price?.calculated_amount > 0) ?? product.variants[0]
  const { cart } = await store("POST", "/store/carts", {
    region_id: regionId,
    email,
    items: [{ variant_id: variant.id, quantity: 3 }],
    shipping_address: { first_name: "E2E", last_name: "Shopper", address_1: "1 Main St", city: "New York", country_code: "us", postal_code: "10001" },
  })
  // Typed the way a storefront's promotion-code box sends it (lower case, as promo_codes).
  await store("POST", `/store/carts/${cart.id}`, { promo_codes: [code.toLowerCase()] })
  const { shipping_options } = await store("GET", `/store/shipping-options?cart_id=${cart.id}`)
  await store("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id })
  const { payment_collection } = await store("POST", "/store/payment-collections", { cart_id: cart.id })
  await store("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  const completed = await store("POST", `/store/carts/${cart.id}/complete`)
  if (completed.type !== "order") throw new Error(`checkout did not produce an order: ${JSON.stringify(completed).slice(0, 300)}`)
  return completed.order
}

// ---- the scenario -------------------------------------------------------------

async function step(name, fn) {
  const started = Date.now()
  try {
    await fn()
    results.push({ name, ok: true })
    log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  } catch (error) {
    results.push({ name, ok: false, error })
    log(`✗ ${name}: ${error?.message ?? error}`)
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message)
}

async function screenshot(page, name, focus) {
  shotNumber += 1
  const file = path.join(ARTIFACTS, `${String(shotNumber).padStart(2, "0")}-${name}.png`)
  // The dashboard scrolls inside its own container, so the viewport is tall
  // and the part under test is scrolled into view; let toasts and charts settle.
  if (focus) await focus.scrollIntoViewIfNeeded()
  await page.waitForTimeout(400)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

async function runScenario({ base, ready, browser }) {
  const admin = api(base)
  const { token } = await admin("POST", "/auth/user/emailpass", { email: ready.email, password: ready.password })
  const adminApi = api(base, { token })
  const store = api(base, { publishableKey: ready.publishableKey })
  // A known starting point: coupons on, advanced plan (all three form tabs open).
  await adminApi("POST", "/admin/coupon-settings", { enabled: true, plan: "advanced" })

  const run = Date.now().toString(36).toUpperCase()
  const code = `E2E${run}`.slice(0, 16)
  const state = {}

  const context = await browser.newContext({ viewport: { width: 1440, height: 1600 } })
  const page = await context.newPage()
  page.setDefaultTimeout(UI_TIMEOUT_MS)
  const browserErrors = []
  page.on("pageerror", (e) => browserErrors.push(e.message))
  if (process.env.E2E_KEEP_BROWSER_LOG) page.on("console", (m) => log(`browser ${m.type()}: ${m.text()}`))

  const visit = async (url, readySelector, timeout = UI_TIMEOUT_MS) => {
    await page.goto(`${base}/app${url}`, { timeout: FIRST_LOAD_TIMEOUT_MS })
    await page.locator(readySelector).first().waitFor({ timeout })
  }

  await step("log in", async () => {
    await page.goto(`${base}/app/login`, { timeout: FIRST_LOAD_TIMEOUT_MS })
    await page.locator('input[name="email"]').waitFor({ timeout: FIRST_LOAD_TIMEOUT_MS })
    await page.fill('input[name="email"]', ready.email)
    await page.fill('input[name="password"]', ready.password)
    await screenshot(page, "login")
    await page.keyboard.press("Enter")
    await page.waitForURL((u) => !u.pathname.endsWith("/login"), { timeout: FIRST_LOAD_TIMEOUT_MS })
    await page.getByRole("link", { name: "Coupons" }).first().waitFor({ timeout: FIRST_LOAD_TIMEOUT_MS })
  })

  await step("coupon list: stat cards and table", async () => {
    await visit("/coupons", '[data-testid="stat-active-value"]', FIRST_LOAD_TIMEOUT_MS)
    await page.getByRole("cell", { name: "WELCOME10" }).waitFor()
    state.activeBefore = Number((await page.locator('[data-testid="stat-active-value"]').innerText()).replace(/\D/g, ""))
    await screenshot(page, "coupon-list")
  })

  await step("create a coupon through the form, one field rejected first", async () => {
    await page.getByRole("link", { name: "Create", exact: true }).click()
    await page.locator("#coupon-code").waitFor()
    await page.fill("#coupon-code", code)
    await page.fill("#coupon-title", `E2E coupon ${run}`)
    await page.fill("#coupon-description", "Created by the browser test.")
    // Percentage is the default type; 150 % is refused by the API.
    await page.fill("#coupon-percentage", "150")
    await page.fill("#coupon-max_discount", "30")
    await page.getByRole("button", { name: "Create", exact: true }).click()
    const error = page.locator('[data-testid="error-percentage"]')
    await error.waitFor()
    const message = await error.innerText()
    expect(/percentage must be above 0 and at most 100/.test(message), `unexpected field error: ${message}`)
    expect(page.url().endsWith("/coupons/create"), "a rejected form must stay open")
    await screenshot(page, "coupon-create-field-error")
    // The field at fault has the focus: fix it from the keyboard.
    await page.keyboard.press("ControlOrMeta+A")
    await page.keyboard.type("15")
    // max_discount and min_spend need a currency: pick the store's USD.
    await page.locator("#coupon-currency_code").click()
    await page.getByRole("option", { name: "USD" }).click()
    await page.getByRole("tab", { name: /Usage/ }).click()
    await page.fill("#coupon-usage_limit", "500")
    await screenshot(page, "coupon-create-usage-tab")
    // Save from the keyboard (⌘/Ctrl + Enter).
    await page.locator("#coupon-usage_limit").press("ControlOrMeta+Enter")
    await page.waitForURL(/\/coupons\/coup_[^/]+$/)
    state.couponId = page.url().split("/").pop()
    await page.locator('[data-testid="coupon-summary"]').getByText(code).first().waitFor()
    await page.getByText("15% up to $30.00").first().waitFor()
  })

  await step("the new coupon is in the list and the stat cards moved", async () => {
    expect(state.couponId, "needs the coupon created above")
    await visit(`/coupons?q=${code}`, '[data-testid="stat-active-value"]')
    await page.getByRole("cell", { name: code }).waitFor()
    await page.getByRole("cell", { name: "0 / 500" }).waitFor()
    const active = page.locator('[data-testid="stat-active-value"]')
    await page.waitForFunction(
      ([el, expected]) => Number(el.textContent.replace(/\D/g, "")) === expected,
      [await active.elementHandle(), state.activeBefore + 1]
    )
    await screenshot(page, "coupon-list-with-new-coupon")
  })

  await step("generate 1,000 codes; the progress bar follows the batch to done", async () => {
    expect(state.couponId, "needs the coupon created above")
    await visit(`/coupons/${state.couponId}`, "#codes-quantity")
    await page.fill("#codes-quantity", "1000")
    await page.fill("#codes-prefix", "E2E")
    await page.getByRole("button", { name: "Generate" }).click()
    const batch = page.locator('[data-testid="code-batch"]')
    await batch.waitFor()
    const seen = new Set()
    const until = Date.now() + 180_000
    while (Date.now() < until) {
      seen.add(Number(await page.locator('[data-testid="code-batch-progress"]').getAttribute("data-percent")))
      const status = await batch.getAttribute("data-status")
      if (status === "done") break
      expect(status !== "failed", `the batch failed: ${await page.locator('[data-testid="code-batch-text"]').innerText()}`)
      await sleep(150)
    }
    expect((await batch.getAttribute("data-status")) === "done", "the batch did not reach done within 3 minutes")
    seen.add(Number(await page.locator('[data-testid="code-batch-progress"]').getAttribute("data-percent")))
    expect((await page.locator('[data-testid="code-batch-progress"]').getAttribute("data-percent")) === "100", "the bar is not full")
    await page.getByText("Done: 1,000 of 1,000 codes").waitFor()
    await page.locator('[data-testid="codes-count"]').getByText("1,000 in total").waitFor()
    log(`  progress seen: ${[...seen].sort((a, b) => a - b).join(", ")} %`)
    await screenshot(page, "coupon-detail-codes-generated", batch)
  })

  await step("customer page: wallet widget, assign the coupon", async () => {
    expect(state.couponId, "needs the coupon created above")
    const email = `e2e-${run.toLowerCase()}@example.com`
    const { customer } = await adminApi("POST", "/admin/customers", { email, first_name: "Erin", last_name: "Tester" })
    state.customer = customer
    await visit(`/customers/${customer.id}`, '[data-testid="customer-coupons-widget"]')
    await page.locator('[data-testid="wallet-count-all"]').getByText("All 0").waitFor()
    await page.getByRole("button", { name: "Assign coupon" }).click()
    await page.fill("#assign-search", code)
    await page.getByRole("radio", { name: new RegExp(code) }).click()
    await page.getByRole("button", { name: "Assign", exact: true }).click()
    await page.locator('[data-testid="wallet-count-unused"]').getByText("Unused 1").waitFor()
    // Serial codes exist, so the customer got one of the 1,000 (prefix E2E) as their own.
    const { coupons } = await adminApi("GET", `/admin/customers/${customer.id}/coupons`)
    state.walletCode = coupons[0]?.code
    expect(state.walletCode?.startsWith("E2E") && state.walletCode !== code, `expected a serial code, got ${state.walletCode}`)
    await page.locator('[data-testid="customer-coupons-widget"]').getByRole("link", { name: state.walletCode }).waitFor()
    await screenshot(page, "customer-wallet-widget", page.locator('[data-testid="customer-coupons-widget"]'))
  })

  await step("order page: coupon widget with per-line shares and refundable amounts", async () => {
    expect(state.walletCode, "needs the wallet coupon assigned above")
    // The customer spends the serial code from their wallet.
    const order = await placeOrder(store, { regionId: ready.regionId, email: state.customer.email, code: state.walletCode })
    state.orderId = order.id
    await visit(`/orders/${order.id}`, '[data-testid="order-coupon-widget"]')
    const widget = page.locator('[data-testid="order-coupon-widget"]')
    await widget.getByRole("link", { name: state.walletCode }).waitFor()
    await widget.getByText("Coupon share").first().waitFor()
    await widget.getByText("Still refundable").waitFor()
    await screenshot(page, "order-coupon-widget", widget)
    // Medusa's own order summary names the coupon as it names a promotion code.
    await page.getByText("Discount Total", { exact: true }).first().click()
    await page.getByText(`(${state.walletCode})`, { exact: true }).first().waitFor()
    await screenshot(page, "order-summary-discount")
  })

  await step("coupon detail: the chart and the redemption with its order", async () => {
    expect(state.orderId, "needs the order placed above")
    await visit(`/coupons/${state.couponId}`, '[data-testid="redemption-chart"] .recharts-surface')
    await page.getByRole("tab", { name: "Redemptions" }).click()
    await page.locator('[data-testid="redemptions-table"]').getByRole("link", { name: /^#\d+/ }).waitFor()
    await screenshot(page, "coupon-detail-redemptions", page.locator('[data-testid="redemptions-table"]'))
    await visit("/coupons", '[data-testid="stat-redemptions-value"]')
    await page.waitForFunction(
      (el) => Number(el.textContent.replace(/\D/g, "")) >= 1,
      await page.locator('[data-testid="stat-redemptions-value"]').elementHandle()
    )
  })

  await step("customer page after the order: the wallet coupon is used", async () => {
    expect(state.orderId, "needs the order placed above")
    await visit(`/customers/${state.customer.id}`, '[data-testid="customer-coupons-widget"]')
    await page.locator('[data-testid="wallet-count-used"]').getByText("Used 1").waitFor()
    await page.locator('[data-testid="wallet-count-unused"]').getByText("Unused 0").waitFor()
    await screenshot(page, "customer-wallet-after-order", page.locator('[data-testid="customer-coupons-widget"]'))
  })

  await step("edit form: basic plan locks Restrictions and Usage", async () => {
    expect(state.couponId, "needs the coupon created above")
    await adminApi("POST", "/admin/coupon-settings", { plan: "basic" })
    try {
      await visit(`/coupons/${state.couponId}/edit`, "#coupon-title")
      await page.getByRole("tab", { name: /Restrictions/ }).click()
      await page.locator('[data-testid="plan-locked"]').waitFor()
      expect(await page.locator("#coupon-first_order_only").isDisabled(), "restriction fields must be locked on basic")
      await screenshot(page, "coupon-edit-basic-plan-locked")
      await page.keyboard.press("Escape")
      await page.waitForURL(/\/coupons\/coup_[^/]+$/)
    } finally {
      await adminApi("POST", "/admin/coupon-settings", { plan: "advanced" })
    }
  })

  await step("settings page", async () => {
    await visit("/settings/coupons", "#settings-expiring_soon_days")
    await page.getByText("Excluded product kinds").waitFor()
    await screenshot(page, "settings")
  })

  await step("product page: kind and whether coupons apply", async () => {
    const { products } = await adminApi("GET", "/admin/products?limit=50&fields=id,title,metadata")
    const pod = products.find((p) => p.metadata?.product_kind === "pod") ?? products[0]
    await visit(`/products/${pod.id}`, '[data-testid="product-coupon-widget"]')
    await page.locator('[data-testid="product-kind"]').waitFor()
    if (pod.metadata?.product_kind === "pod") {
      // The demo seed's print-on-demand product: an excluded kind by default.
      await page.locator('[data-testid="product-kind"]').getByText("pod").waitFor()
      await page.locator('[data-testid="product-coupon-eligibility"]').getByText(/kind “pod” are excluded/).waitFor()
    }
    await screenshot(page, "product-coupon-widget", page.locator('[data-testid="product-coupon-widget"]'))
  })

  await step("promotions list: the coupons notice", async () => {
    await visit("/promotions", '[data-testid="promotion-coupon-notice"]')
    await page.locator('[data-testid="promotion-coupon-notice"]').getByRole("link", { name: "Manage coupons" }).waitFor()
    await screenshot(page, "promotions-notice")
  })

  await step("campaigns: list, form with live preview", async () => {
    expect(state.couponId, "needs the coupon created above")
    await visit("/coupons/campaigns", "text=Coupon campaigns")
    await screenshot(page, "campaign-list")
    await page.getByRole("link", { name: "Create", exact: true }).click()
    await page.locator("#campaign-name").waitFor()
    await page.fill("#campaign-name", `E2E campaign ${run}`)
    await page.fill("#campaign-coupon_id", code)
    await page.getByRole("radio", { name: new RegExp(code) }).click()
    await page.fill("#campaign-instructions", "Show this page at the till.")
    await page.fill("#campaign-button_color", "#ff6600")
    // The page as the server renders it, in the preview's frame.
    const preview = page.frameLocator('[data-testid="campaign-preview-frame"]')
    await preview.getByText(`E2E campaign ${run}`).waitFor()
    await preview.getByText("15% off").waitFor()
    await screenshot(page, "campaign-create-preview")
    await page.getByRole("button", { name: "Create", exact: true }).click()
    await page.waitForURL(/\/coupons\/campaigns\/[^/]+$/)
    await page.locator('[data-testid="campaign-funnel"]').waitFor()
    state.campaignUrl = page.url()
  })

  await step("campaigns: send to the customer; the funnel counts Sent and Opened", async () => {
    expect(state.campaignUrl && state.customer, "needs the campaign and the customer created above")
    await page.getByRole("button", { name: "Send", exact: true }).click()
    const drawer = page.getByRole("dialog")
    await drawer.locator("#send-customers-search").fill(state.customer.email)
    await drawer.getByRole("checkbox").first().click()
    await drawer.getByRole("button", { name: "Send", exact: true }).click()
    const sent = drawer.locator('[data-testid="send-result"]')
    await sent.getByText("Sent to 1").waitFor()
    const pageUrl = await sent.getByRole("link", { name: "page" }).getAttribute("href")
    await screenshot(page, "campaign-sent")
    await page.keyboard.press("Escape")
    await page.locator('[data-testid="funnel-sent"]').getByText("1", { exact: true }).waitFor()
    // The shopper opens the hosted coupon page.
    const shopper = await page.context().newPage()
    await shopper.goto(pageUrl)
    await shopper.getByRole("button", { name: "Redeem" }).waitFor()
    await screenshot(shopper, "campaign-coupon-page")
    await shopper.close()
    await page.reload()
    await page.locator('[data-testid="funnel-opened"]').getByText("1", { exact: true }).waitFor()
    await screenshot(page, "campaign-detail-funnel")
  })

  await step("campaigns: send to two pasted chat contacts, see their links; the records show the channel", async () => {
    expect(state.campaignUrl, "needs the campaign created above")
    await page.goto(state.campaignUrl)
    await page.getByRole("button", { name: "Send to contacts", exact: true }).click()
    const drawer = page.getByRole("dialog")
    await drawer.locator("#campaign-contacts").fill(`channel,contact_id,name\nline,U-e2e-${run},Aiko\nfacebook,psid-e2e-${run}`)
    await drawer.getByRole("button", { name: "Get links", exact: true }).click()
    const links = drawer.locator('[data-testid="contact-links"]')
    await links.getByText("2 links").waitFor()
    await links.getByText("Aiko").waitFor()
    await links.getByText(`psid-e2e-${run}`).waitFor()
    const hrefs = await links.getByRole("link", { name: "page" }).evaluateAll((as) => as.map((a) => a.getAttribute("href")))
    expect(hrefs.length === 2 && hrefs.every((h) => /\/coupon-pages\/[^/]+$/.test(h ?? "")) && hrefs[0] !== hrefs[1], `two distinct coupon page links, got ${JSON.stringify(hrefs)}`)
    await screenshot(page, "campaign-contact-links", links)
    await page.keyboard.press("Escape")
    await page.reload()
    // The records table: one row per channel (the customer's e-mail, LINE, Facebook).
    const records = page.locator("table")
    await records.getByText(`Aiko (U-e2e-${run})`).waitFor()
    for (const channel of ["email", "line", "facebook"]) await records.getByText(channel, { exact: true }).first().waitFor()
    await page.locator('[data-testid="funnel-sent"]').getByText("3", { exact: true }).waitFor()
    await screenshot(page, "campaign-records-by-channel", records)
  })

  if (browserErrors.length) log(`browser errors: ${browserErrors.join(" | ")}`)
  await context.close()
}

// ---- main ------------------------------------------------------------------------

async function main() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM`)
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  for (const file of readdirSync(ARTIFACTS)) if (file.endsWith(".png")) rmSync(path.join(ARTIFACTS, file))

  const port = Number(process.env.E2E_PORT) || (await freePort())
  log(`starting npm run dev on port ${port} (log: .e2e-artifacts/dev.log)`)
  const dev = startDevServer(port)
  let browser = null
  const stopAll = async () => {
    await browser?.close().catch(() => {})
    await dev.stop()
  }
  process.on("SIGINT", () => stopAll().then(() => process.exit(130)))
  process.on("SIGTERM", () => stopAll().then(() => process.exit(143)))
  try {
    const ready = await dev.ready
    const base = `http://localhost:${port}`
    await waitForServer(base)
    log(`dev server ready: ${ready.adminUrl}`)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    })
    await runScenario({ base, ready, browser })
  } catch (error) {
    results.push({ name: "set-up", ok: false, error })
    log(`✗ set-up: ${error?.stack ?? error}`)
  } finally {
    log("stopping the dev server")
    await stopAll()
  }
  const passed = results.filter((r) => r.ok).length
  const failed = results.length - passed
  log(`screenshots in ${path.relative(ROOT, ARTIFACTS)}/`)
  console.log(`e2e: ${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

main()
