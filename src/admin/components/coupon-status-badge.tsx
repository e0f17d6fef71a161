import { StatusBadge } from "@medusajs/ui"
import type { CouponStatus, RedemptionStatus, WalletStatus } from "../lib/types"

const COUPON_STATUS: Record<CouponStatus, { label: string; color: "green" | "blue" | "grey" | "red" }> = {
  active: { label: "Active", color: "green" },
  scheduled: { label: "Scheduled", color: "blue" },
  expired: { label: "Expired", color: "grey" },
  disabled: { label: "Disabled", color: "red" },
}

export const CouponStatusBadge = ({ status }: { status: CouponStatus }) => {
  const { label, color } = COUPON_STATUS[status] ?? { label: status, color: "grey" }
  return <StatusBadge color={color}>{label}</StatusBadge>
}

export const couponStatusLabel = (status: CouponStatus) => COUPON_STATUS[status]?.label ?? status

const REDEMPTION_STATUS: Record<RedemptionStatus, { label: string; color: "green" | "orange" | "grey" | "red" | "purple" }> = {
  redeemed: { label: "Redeemed", color: "green" },
  held: { label: "Held", color: "orange" },
  released: { label: "Released", color: "grey" },
  canceled: { label: "Canceled", color: "red" },
  refunded: { label: "Refunded", color: "purple" },
}

export const RedemptionStatusBadge = ({ status }: { status: RedemptionStatus }) => {
  const { label, color } = REDEMPTION_STATUS[status] ?? { label: status, color: "grey" }
  return <StatusBadge color={color}>{label}</StatusBadge>
}

const WALLET_STATUS: Record<WalletStatus, { label: string; color: "green" | "orange" | "grey" | "blue" }> = {
  unused: { label: "Unused", color: "green" },
  expiring_soon: { label: "Expiring soon", color: "orange" },
  used: { label: "Used", color: "blue" },
  expired: { label: "Expired", color: "grey" },
}

export const WalletStatusBadge = ({ status }: { status: WalletStatus }) => {
  const { label, color } = WALLET_STATUS[status] ?? { label: status, color: "grey" }
  return <StatusBadge color={color}>{label}</StatusBadge>
}

export const walletStatusLabel = (status: WalletStatus) => WALLET_STATUS[status]?.label ?? status
