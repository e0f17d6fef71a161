/**
 * Campaign rules (docs/rules.md §5, "Campaigns") that need no database: the
 * sending period, when a redeemed coupon's validity starts, the funnel, and
 * how the hosted coupon page describes the coupon's offer.
 */
import { formatMoney } from "./evaluate-coupon"
import { toMinorUnits } from "./money"
import { walletEntryExpiry } from "./wallet"

export const CAMPAIGN_EXPIRY_MODES = ["from_sending", "from_redemption"] as const
export type CampaignExpiryMode = (typeof CAMPAIGN_EXPIRY_MODES)[number]

export const CAMPAIGN_BARCODE_FORMATS = ["QR", "CODE_39", "CODE_128"] as const
export type CampaignBarcodeFormat = (typeof CAMPAIGN_BARCODE_FORMATS)[number]

/** A sent coupon's steps, in order; each recipient is at exactly one. */
export const CAMPAIGN_RECIPIENT_STATUSES = ["sent", "opened", "redeemed", "verified"] as const
export type CampaignRecipientStatus = (typeof CAMPAIGN_RECIPIENT_STATUSES)[number]

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

/**
 * A contact's channel: free text naming where the contact is reached
 * (`line`, `facebook`, `whatsapp`, `telegram`, `sms`, `email`); it is also
 * the Notification module channel the link is sent on.
 */
export const CONTACT_CHANNEL = /^[a-z0-9_-]{1,32}$/
export const MAX_CONTACT_ID_LENGTH = 256
export const MAX_CONTACT_NAME_LENGTH = 200
/** Contacts in one request (a bot's batch, an uploaded list). */
export const MAX_CONTACTS_PER_REQUEST = 10000
/** The channel a store customer is sent the campaign on; their address is the contact id. */
export const CUSTOMER_CHANNEL = "email"

export type CampaignContactRef = { channel: string; contact_id: string }

/** One key per contact, for grouping and duplicate checks. */
export const contactKey = (c: CampaignContactRef) => `${c.channel}\u0000${c.contact_id}`

/**
 * What issuing a contact's link does, given the contact's links of the
 * campaign so far (newest first): a link not redeemed yet is returned again
 * (a bot asking twice gets the same link); when all are redeemed, a new one
 * is made while the contact is under the per-contact limit, else the newest
 * is returned as it is (its page shows the redeemed code).
 */
export function contactLinkDecision(
  links: { id: string; status: CampaignRecipientStatus }[],
  perContactLimit: number
): { kind: "reuse"; id: string } | { kind: "create" } | { kind: "limit_reached"; id: string } {
  const open = links.find((l) => l.status === "sent" || l.status === "opened")
  if (open) return { kind: "reuse", id: open.id }
  const redeemed = links.filter((l) => l.status === "redeemed" || l.status === "verified").length
  if (redeemed < perContactLimit || !links.length) return { kind: "create" }
  return { kind: "limit_reached", id: links[0].id }
}

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10)

/** Sending period rule for a campaign definition (create, or an update merged onto the stored one). */
export function campaignPeriodError(values: { send_starts_at: Date | string; send_ends_at: Date | string }): string | null {
  if (new Date(values.send_ends_at).getTime() <= new Date(values.send_starts_at).getTime()) {
    return "send_ends_at must be after send_starts_at"
  }
  return null
}

/** Why the campaign cannot be sent at `now` (outside [send_starts_at, send_ends_at)), or null. */
export function sendingPeriodError(
  campaign: { name: string; send_starts_at: Date | string; send_ends_at: Date | string },
  now: Date
): string | null {
  const starts = new Date(campaign.send_starts_at)
  const ends = new Date(campaign.send_ends_at)
  if (now < starts) {
    return `Campaign "${campaign.name}" cannot be sent before its sending period starts on ${starts.toISOString()}; nothing was sent.`
  }
  if (now >= ends) {
    return `Campaign "${campaign.name}" cannot be sent: its sending period ended on ${ends.toISOString()}; nothing was sent.`
  }
  return null
}

/**
 * When a redeemed coupon's validity starts counting: "N days from sending"
 * counts from when the coupon was sent, "N days from redemption" from the
 * redemption itself.
 */
export function campaignValidityStart(mode: CampaignExpiryMode, sentAt: Date | string, redeemedAt: Date): Date {
  return mode === "from_sending" ? new Date(sentAt) : redeemedAt
}

/**
 * When a code redeemed by a contact without a store account stops being
 * valid: what its wallet entry would have said (the campaign's expiry_days
 * from the sending or the redemption), never after the coupon's end.
 */
export function contactCodeExpiry(
  recipient: { sent_at: Date | string; redeemed_at: Date | string },
  campaign: { expiry_mode: CampaignExpiryMode; expiry_days: number },
  couponEndsAt: Date | string | null | undefined
): Date | null {
  const from = campaignValidityStart(campaign.expiry_mode, recipient.sent_at, new Date(recipient.redeemed_at))
  return walletEntryExpiry(from, campaign.expiry_days, couponEndsAt)
}

/** Why a redemption must be refused, with its refusal code (docs/rules.md §7.3), or null. `redeemed_by_contact` excludes the recipient redeeming now. */
export function campaignRedemptionRefusal(input: {
  coupon: { is_active: boolean; ends_at: Date | string | null }
  per_contact_limit: number
  redeemed_by_contact: number
  now: Date
}): { code: "coupon_expired" | "coupon_inactive" | "customer_limit_reached"; message: string } | null {
  const { coupon, now } = input
  if (coupon.ends_at && new Date(coupon.ends_at) <= now) {
    return { code: "coupon_expired", message: `This coupon ended on ${day(coupon.ends_at)} and can no longer be redeemed.` }
  }
  if (!coupon.is_active) {
    return { code: "coupon_inactive", message: "This coupon is paused and cannot be redeemed right now." }
  }
  if (input.redeemed_by_contact >= input.per_contact_limit) {
    return { code: "customer_limit_reached", message: perContactLimitMessage(input.per_contact_limit) }
  }
  return null
}

/** The message of campaignRedemptionRefusal, or null. */
export function campaignRedemptionError(input: Parameters<typeof campaignRedemptionRefusal>[0]): string | null {
  return campaignRedemptionRefusal(input)?.message ?? null
}

export function perContactLimitMessage(limit: number): string {
  return `You have already redeemed this campaign's coupon ${limit === 1 ? "once" : `${limit} times`}, the most it allows per person.`
}

export type CampaignFunnel = Record<CampaignRecipientStatus, number>

/**
 * Funnel counts: how many sent coupons reached each step or a later one (a
 * verified coupon was also sent, opened and redeemed), so they only shrink
 * from left to right.
 */
export function campaignFunnel(countsByStatus: Partial<Record<CampaignRecipientStatus, number>>): CampaignFunnel {
  const funnel = { sent: 0, opened: 0, redeemed: 0, verified: 0 }
  let reached = 0
  for (const status of [...CAMPAIGN_RECIPIENT_STATUSES].reverse()) {
    reached += countsByStatus[status] ?? 0
    funnel[status] = reached
  }
  return funnel
}

/**
 * Chat apps and social sites fetch a shared link to draw its preview card
 * before anyone taps it; such a fetch must not count as the shopper
 * opening the coupon page. Matched on the User-Agent: the preview fetchers
 * of the common chat and social apps, and anything calling itself a bot,
 * crawler or spider; not the in-app browsers of those apps, in which
 * shoppers really open the page. (Mail security scanners that pose as
 * browsers cannot be told apart this way.)
 */
const LINK_PREVIEW_AGENT =
  /[a-z]bot[/-]|telegrambot|crawl|spider|facebookexternalhit|facebot|whatsapp|skypeuripreview|embedly|iframely|vkshare|kakaotalk-scrap|google-pagerenderer|preview/i

export function isLinkPreviewFetch(userAgent: string | undefined): boolean {
  return !userAgent || LINK_PREVIEW_AGENT.test(userAgent)
}

/** The link a recipient gets: the hosted coupon page of their token. */
export function couponPageUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/coupon-pages/${encodeURIComponent(token)}`
}

export type CouponOffer = {
  type: "fixed" | "percentage"
  amount?: number | string | null
  percentage?: number | string | null
  max_discount?: number | string | null
  min_spend?: number | string | null
  currency_code?: string | null
}

const money = (major: number | string, currency: string) => formatMoney(toMinorUnits(major, currency), currency)

/** "25.00 USD off" / "10% off (up to 20.00 USD)", plus "on orders of 50.00 USD or more". */
export function couponOfferText(coupon: CouponOffer): string {
  const currency = coupon.currency_code ?? ""
  let offer: string
  if (coupon.type === "percentage") {
    offer = `${Number(coupon.percentage)}% off`
    if (coupon.max_discount != null && currency) offer += ` (up to ${money(coupon.max_discount, currency)})`
  } else {
    offer = `${money(coupon.amount ?? 0, currency)} off`
  }
  if (coupon.min_spend != null && Number(coupon.min_spend) > 0 && currency) {
    offer += ` on orders of ${money(coupon.min_spend, currency)} or more`
  }
  return offer
}
