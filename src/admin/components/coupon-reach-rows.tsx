import { useMedusaRecordNames as useNames } from "../lib/queries"
import type { CurrencyTerms } from "../lib/types"

/*
 * The coupon fields of docs/rules.md §7.2 (who, where, how many, what, the
 * amounts per currency) as rows of the coupon's detail page. The form's
 * inputs for them are in coupon-form/restrictions-tab.tsx.
 */

const names = (ids: string[], byId: Record<string, string> | undefined, none: string) =>
  ids.length ? ids.map((id) => byId?.[id] ?? id).join(", ") : none

/** The §7.2 fields as rows of the coupon's detail page. */
export const CouponReachRows = ({
  coupon,
  Row,
  formatMoney,
}: {
  coupon: {
    type: "fixed" | "percentage"
    target?: "items" | "shipping"
    max_shipping_amount?: number | null
    currency_code: string | null
    country_codes?: string[]
    customer_group_ids?: string[]
    min_quantity?: number | null
    sales_channel_ids?: string[]
    region_ids?: string[]
    amounts?: CurrencyTerms[] | null
  }
  Row: (props: { label: string; value: string }) => JSX.Element
  formatMoney: (amount: number, currency: string | null) => string
}) => {
  const groups = useNames("/admin/customer-groups", "customer_groups", coupon.customer_group_ids ?? [])
  const channels = useNames("/admin/sales-channels", "sales_channels", coupon.sales_channel_ids ?? [])
  const regions = useNames("/admin/regions", "regions", coupon.region_ids ?? [])
  const shipping = coupon.target === "shipping"
  return (
    <>
      <Row label="Discounts" value={shipping ? "Shipping" : "Items"} />
      {shipping && (
        <Row
          label="Shipping discounted"
          value={`${coupon.max_shipping_amount != null ? `Methods up to ${formatMoney(coupon.max_shipping_amount, coupon.currency_code)}` : "Any method"}; ${
            coupon.country_codes?.length ? `to ${coupon.country_codes.map((c) => c.toUpperCase()).join(", ")}` : "any country"
          }`}
        />
      )}
      <Row label="Minimum quantity" value={coupon.min_quantity ? `${coupon.min_quantity} eligible units` : "None"} />
      <Row label="Customer groups" value={names(coupon.customer_group_ids ?? [], groups.data, "Anyone")} />
      <Row label="Sales channels" value={names(coupon.sales_channel_ids ?? [], channels.data, "Every channel")} />
      <Row label="Regions" value={names(coupon.region_ids ?? [], regions.data, "Every region")} />
      {coupon.amounts?.length ? (
        <Row
          label="Amounts per currency"
          value={coupon.amounts
            .map((a) =>
              [
                a.currency_code.toUpperCase(),
                coupon.type === "fixed" && a.amount != null ? `${formatMoney(a.amount, a.currency_code)} off` : null,
                a.max_discount != null ? `up to ${formatMoney(a.max_discount, a.currency_code)}` : null,
                a.min_spend != null ? `over ${formatMoney(a.min_spend, a.currency_code)}` : null,
              ]
                .filter(Boolean)
                .join(" ")
            )
            .join("; ")}
        />
      ) : null}
    </>
  )
}
