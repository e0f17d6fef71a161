import type { Coupon } from "./types"

/** Money in major units as the store shows it: "$25.00", "¥500", "KWD 1.250". */
export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined) return "-"
  if (!currency) return String(amount)
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount)
  } catch {
    return `${currency.toUpperCase()} ${amount}`
  }
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "-" : new Intl.NumberFormat().format(value)
}

export function formatDate(value: string | Date | null | undefined, withTime = false): string {
  if (!value) return "-"
  const date = typeof value === "string" ? new Date(value) : value
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
  }).format(date)
}

/** "10% up to $20.00" or "$25.00". */
export function formatDiscount(
  coupon: Pick<Coupon, "type" | "amount" | "percentage" | "max_discount" | "currency_code"> & Partial<Pick<Coupon, "amounts">>
) {
  // A coupon for several currencies (docs/rules.md §7.2) has its money per currency.
  if (coupon.amounts?.length) {
    if (coupon.type === "fixed") return coupon.amounts.map((a) => formatMoney(a.amount, a.currency_code)).join(" / ")
    const caps = coupon.amounts.filter((a) => a.max_discount != null).map((a) => formatMoney(a.max_discount, a.currency_code))
    return `${coupon.percentage}%${caps.length ? ` up to ${caps.join(" / ")}` : ""}`
  }
  if (coupon.type === "percentage") {
    const cap = coupon.max_discount ? ` up to ${formatMoney(coupon.max_discount, coupon.currency_code)}` : ""
    return `${coupon.percentage}%${cap}`
  }
  return formatMoney(coupon.amount, coupon.currency_code)
}

/** "Jan 1, 2026 – Feb 1, 2026", "From Jan 1, 2026", "Until …" or "Always". */
export function formatValidity(coupon: Pick<Coupon, "starts_at" | "ends_at">) {
  if (coupon.starts_at && coupon.ends_at) return `${formatDate(coupon.starts_at)} – ${formatDate(coupon.ends_at)}`
  if (coupon.starts_at) return `From ${formatDate(coupon.starts_at)}`
  if (coupon.ends_at) return `Until ${formatDate(coupon.ends_at)}`
  return "Always"
}

export function formatUsage(coupon: Pick<Coupon, "usage_count" | "usage_limit">) {
  return `${formatNumber(coupon.usage_count)} / ${coupon.usage_limit === null ? "∞" : formatNumber(coupon.usage_limit)}`
}

/** The error message of a failed API call (js-sdk's FetchError carries the API's own message). */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof (error as any).message === "string") {
    return (error as any).message
  }
  return "Something went wrong."
}
