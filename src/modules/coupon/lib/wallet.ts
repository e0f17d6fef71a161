/**
 * Wallet rules (docs/rules.md §5) that need no database: when an entry expires,
 * the "use now" link, and the order in which wallet coupons are offered for
 * a cart. Which status an entry has is decided in SQL (wallet-queries.ts) so
 * that counts, filters and pages agree.
 */

export const WALLET_STATUSES = ["unused", "used", "expired", "expiring_soon"] as const

export type WalletStatus = (typeof WALLET_STATUSES)[number]

/** docs/rules.md §1: "expiring-soon days (default 7)" — the coupon_settings default. */
export const DEFAULT_EXPIRING_SOON_DAYS = 7

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * When a wallet entry stops working: `validityDays` after `from` (when it
 * was received, or when a campaign sent it), never later than the coupon's
 * own end; null when neither limits it.
 */
export function walletEntryExpiry(
  from: Date,
  validityDays: number | null | undefined,
  couponEndsAt: Date | string | null | undefined
): Date | null {
  const byValidity = validityDays ? new Date(from.getTime() + validityDays * DAY_MS) : null
  const end = couponEndsAt ? new Date(couponEndsAt) : null
  if (byValidity && end) return byValidity.getTime() <= end.getTime() ? byValidity : end
  return byValidity ?? end
}

/**
 * The storefront link of a wallet coupon's "use now" button: the plugin
 * option `use_url_template` with every `{code}` replaced by the URL-encoded
 * code; null when the merchant did not set the option.
 */
export function walletUseUrl(template: string | null | undefined, code: string): string | null {
  if (!template) return null
  return template.split("{code}").join(encodeURIComponent(code))
}

export type WalletCouponOption = {
  code: string
  title: string
  /** Major units; 0 when the coupon does not apply to the cart. */
  discount_total: number
  eligible: boolean
  reason?: string
  /** The refusal code of `reason` (lib/refusal.ts), for storefronts that translate. */
  reason_code?: string
  /** What a storefront needs to say more (e.g. the amount still missing). */
  reason_details?: Record<string, unknown>
  /** When the wallet entry expires (null: never), the tie-break between equal discounts. */
  expires_at: Date | string | null
}

/**
 * Best first: coupons that apply, highest discount first and, for equal
 * discounts, the one expiring first (no expiry last); then the ones that do
 * not apply. Ties after that go by code so the order is stable.
 */
export function rankWalletCouponOptions<T extends WalletCouponOption>(options: T[]): T[] {
  const expiry = (o: T) => (o.expires_at ? new Date(o.expires_at).getTime() : Number.POSITIVE_INFINITY)
  return [...options].sort((a, b) => {
    if (a.eligible !== b.eligible) return a.eligible ? -1 : 1
    if (a.eligible && a.discount_total !== b.discount_total) return b.discount_total - a.discount_total
    const byExpiry = expiry(a) - expiry(b)
    if (byExpiry !== 0 && !Number.isNaN(byExpiry)) return byExpiry
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0
  })
}
