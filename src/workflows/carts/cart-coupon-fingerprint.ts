import { createHash } from "node:crypto"

/**
 * What a coupon's verdict on a cart depends on: its lines and prices, who is
 * buying, where (region, sales channel), and the order type. For a shipping
 * coupon (`shipping`) also the shipping methods and the address country;
 * for other coupons shipping, addresses and payment do not count, so
 * refreshing for those does not judge the coupon again.
 */
export function cartCouponFingerprint(
  cart: {
    region_id?: string | null
    region?: { id: string } | null
    sales_channel_id?: string | null
    currency_code: string
    customer_id?: string | null
    customer?: { id: string } | null
    email?: string | null
    metadata?: Record<string, unknown> | null
    items?: any[]
    shipping_address?: { country_code?: string | null } | null
    shipping_methods?: any[]
  },
  { shipping = false }: { shipping?: boolean } = {}
): string {
  const lines = (cart.items ?? [])
    .map((i: any) => [
      i.id,
      Number(i.quantity),
      Number(i.unit_price),
      i.compare_at_unit_price == null ? null : Number(i.compare_at_unit_price),
      i.is_discountable !== false,
    ])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
  return createHash("sha1")
    .update(
      JSON.stringify([
        cart.region_id ?? cart.region?.id ?? null,
        cart.sales_channel_id ?? null,
        cart.currency_code,
        cart.customer_id ?? cart.customer?.id ?? null,
        cart.email ?? null,
        cart.metadata?.order_type ?? null,
        cart.metadata?.is_renewal ?? null,
        lines,
        ...(shipping
          ? [
              "shipping",
              cart.shipping_address?.country_code?.toLowerCase() ?? null,
              (cart.shipping_methods ?? [])
                .map((m: any) => [m.id, Number(m.amount)])
                .sort((a: any[], b: any[]) => (a[0] < b[0] ? -1 : 1)),
            ]
          : []),
      ])
    )
    .digest("hex")
}

