import type { MedusaContainer } from "@medusajs/framework/types"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type CouponModuleService from "../../../../../modules/coupon/service"
import { walletUseUrl, WalletStatus } from "../../../../../modules/coupon/lib/wallet"
import type { WalletCounts, WalletCouponRow } from "../../../../../modules/coupon/wallet-queries"

const money = (value: string | null) => (value === null ? null : Number(value))

/** A wallet entry as the shopper sees it (money in major units). */
export function presentWalletCoupon(row: WalletCouponRow, useUrlTemplate: string | undefined) {
  return {
    id: row.id,
    coupon_id: row.coupon_id,
    code: row.code,
    title: row.title,
    description: row.description,
    type: row.type,
    amount: money(row.amount),
    percentage: money(row.percentage),
    max_discount: money(row.max_discount),
    min_spend: money(row.min_spend),
    currency_code: row.currency_code,
    renewal_applicable: row.renewal_applicable,
    // docs/rules.md §7.2: what a shopper needs to know before trying it —
    // a shipping coupon, a minimum quantity, the terms per currency.
    target: row.target,
    min_quantity: row.min_quantity,
    amounts: row.amounts,
    status: row.status,
    source: row.source,
    received_at: row.received_at,
    expires_at: row.expires_at,
    used_at: row.used_at,
    order_id: row.order_id,
    use_url: walletUseUrl(useUrlTemplate, row.code),
  }
}

/**
 * One page of a customer's wallet with the counts per status (one grouped
 * count and one paged query). `expiring_soon` entries are also `unused`, so
 * the total is unused + used + expired.
 */
export async function readCustomerWallet(
  container: MedusaContainer,
  input: { customer_id: string; status?: WalletStatus; entry_ids?: string[]; limit: number; offset: number }
) {
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  const { rows, counts } = await couponService.readWallet({ ...input, now: new Date() })
  const template = couponService.options.use_url_template
  return {
    coupons: rows.map((row) => presentWalletCoupon(row, template)),
    counts: counts as WalletCounts,
    count: input.status ? counts[input.status] : counts.unused + counts.used + counts.expired,
  }
}
