/**
 * The hosted coupon page (docs/rules.md §5): plain server-rendered HTML. Every
 * value that comes from the merchant or the database goes through
 * escapeHtml; colours were checked as #rrggbb on input and are escaped too.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c])
}

/**
 * Sent with every page: the link is the shopper's coupon, so it is neither
 * cached nor indexed nor leaked as a Referer to the image host; scripts
 * cannot run even if something slipped through.
 */
export const COUPON_PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
  "Content-Security-Policy": "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'; form-action 'self'",
}

export type CouponPageView = {
  token: string
  campaign: {
    name: string
    instructions: string | null
    image_url: string | null
    background_color: string
    button_color: string
    button_text_color: string
  }
  coupon_title: string
  offer: string
  redeemed: null | {
    code: string
    barcode_data_url: string
    expires_at: Date | string | null
    verified_at: Date | string | null
  }
}

const date = (d: Date | string) => new Date(d).toISOString().slice(0, 10)

function layout(title: string, background: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; min-height: 100vh; font-family: system-ui, sans-serif; background: ${escapeHtml(background)}; color: #111827; }
  main { max-width: 420px; margin: 0 auto; padding: 24px 16px; }
  .card { background: #ffffff; border-radius: 12px; padding: 20px; box-shadow: 0 1px 4px rgba(0, 0, 0, .12); text-align: center; }
  .card img.picture { width: 100%; border-radius: 8px; }
  h1 { font-size: 1.4rem; margin: 12px 0 4px; }
  .offer { font-size: 1.2rem; font-weight: 600; margin: 4px 0 12px; }
  .instructions { text-align: left; white-space: pre-line; font-size: .95rem; color: #374151; }
  button { width: 100%; border: 0; border-radius: 8px; padding: 14px; font-size: 1.05rem; font-weight: 600; cursor: pointer; }
  .barcode img { max-width: 100%; }
  .code { font-family: ui-monospace, monospace; font-size: 1.3rem; letter-spacing: .08em; margin: 8px 0; }
  .note { font-size: .9rem; color: #4b5563; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`
}

export function renderCouponPage(view: CouponPageView): string {
  const { campaign, redeemed } = view
  const parts = [
    `<div class="card">`,
    campaign.image_url ? `<img class="picture" src="${escapeHtml(campaign.image_url)}" alt="">` : "",
    `<h1>${escapeHtml(campaign.name)}</h1>`,
    `<p class="offer">${escapeHtml(view.offer)}</p>`,
    `<p class="note">${escapeHtml(view.coupon_title)}</p>`,
    campaign.instructions ? `<div class="instructions">${escapeHtml(campaign.instructions)}</div>` : "",
  ]
  if (redeemed) {
    parts.push(
      `<div class="barcode"><img src="${escapeHtml(redeemed.barcode_data_url)}" alt="Barcode of coupon code ${escapeHtml(redeemed.code)}"></div>`,
      `<p class="code">${escapeHtml(redeemed.code)}</p>`,
      redeemed.expires_at ? `<p class="note">Valid until ${escapeHtml(date(redeemed.expires_at))}</p>` : "",
      redeemed.verified_at ? `<p class="note">Used in store on ${escapeHtml(date(redeemed.verified_at))}</p>` : ""
    )
  } else {
    parts.push(
      `<form method="post" action="/coupon-pages/${escapeHtml(encodeURIComponent(view.token))}/redeem">`,
      `<button type="submit" style="background: ${escapeHtml(campaign.button_color)}; color: ${escapeHtml(campaign.button_text_color)}">Redeem</button>`,
      `</form>`
    )
  }
  parts.push(`</div>`)
  return layout(campaign.name, campaign.background_color, parts.filter(Boolean).join("\n"))
}

/** A page that only says something: an unknown link, or why a redemption was refused (`code`: its refusal code). */
export function renderMessagePage(title: string, message: string, backToken?: string, code?: string): string {
  const back = backToken
    ? `<p><a href="/coupon-pages/${escapeHtml(encodeURIComponent(backToken))}">Back to the coupon</a></p>`
    : ""
  const data = code ? ` data-code="${escapeHtml(code)}"` : ""
  return layout(title, "#f3f4f6", `<div class="card"${data}>\n<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>\n${back}\n</div>`)
}
