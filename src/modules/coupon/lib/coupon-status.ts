export type CouponStatus = "active" | "scheduled" | "expired" | "disabled"

/** The status shown in lists and used by the `status` filter. */
export function couponStatus(
  coupon: { is_active: boolean; starts_at?: Date | string | null; ends_at?: Date | string | null },
  now: Date = new Date()
): CouponStatus {
  if (!coupon.is_active) return "disabled"
  if (coupon.ends_at && new Date(coupon.ends_at).getTime() <= now.getTime()) return "expired"
  if (coupon.starts_at && new Date(coupon.starts_at).getTime() > now.getTime()) return "scheduled"
  return "active"
}

/**
 * The same statuses as query filters, so the list endpoint filters in
 * PostgreSQL and agrees with `couponStatus`.
 */
export function couponStatusFilter(status: CouponStatus, now: Date = new Date()): Record<string, unknown> {
  switch (status) {
    case "disabled":
      return { is_active: false }
    case "expired":
      return { is_active: true, ends_at: { $lte: now } }
    case "scheduled":
      return {
        is_active: true,
        starts_at: { $gt: now },
        $or: [{ ends_at: null }, { ends_at: { $gt: now } }],
      }
    case "active":
      return {
        is_active: true,
        $and: [
          { $or: [{ starts_at: null }, { starts_at: { $lte: now } }] },
          { $or: [{ ends_at: null }, { ends_at: { $gt: now } }] },
        ],
      }
  }
}
