import { Button, IconButton, Input, Label, Select, Text } from "@medusajs/ui"
import { Trash } from "@medusajs/icons"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { CurrencyTerms } from "../lib/types"
import { FormField } from "./form-field"
import { SearchPicker } from "./search-picker"

/*
 * The coupon fields of docs/rules.md §7.2 in the admin form: who (customer
 * groups), where (sales channels, regions), how many (minimum quantity),
 * what (items or shipping, with the shipping-only fields) and the amounts
 * per currency. All are advanced-plan fields: disabled on the basic plan.
 */

/** The form's text for these fields (an empty input means "not set"). */
export type ReachValues = {
  target: "items" | "shipping"
  max_shipping_amount: string
  country_codes: string
  customer_group_ids: string[]
  min_quantity: string
  sales_channel_ids: string[]
  region_ids: string[]
  amounts: { currency_code: string; amount: string; min_spend: string; max_discount: string }[]
}

export const REACH_FIELDS = [
  "target",
  "max_shipping_amount",
  "country_codes",
  "customer_group_ids",
  "min_quantity",
  "sales_channel_ids",
  "region_ids",
  "amounts",
] as const

const text = (v: number | string | null | undefined) => (v === null || v === undefined ? "" : String(v))

export function reachValuesOf(coupon?: {
  target?: "items" | "shipping"
  max_shipping_amount?: number | null
  country_codes?: string[]
  customer_group_ids?: string[]
  min_quantity?: number | null
  sales_channel_ids?: string[]
  region_ids?: string[]
  amounts?: CurrencyTerms[] | null
}): ReachValues {
  return {
    target: coupon?.target ?? "items",
    max_shipping_amount: text(coupon?.max_shipping_amount),
    country_codes: (coupon?.country_codes ?? []).map((c) => c.toUpperCase()).join(", "),
    customer_group_ids: coupon?.customer_group_ids ?? [],
    min_quantity: text(coupon?.min_quantity),
    sales_channel_ids: coupon?.sales_channel_ids ?? [],
    region_ids: coupon?.region_ids ?? [],
    amounts: (coupon?.amounts ?? []).map((a) => ({
      currency_code: a.currency_code,
      amount: text(a.amount),
      min_spend: text(a.min_spend),
      max_discount: text(a.max_discount),
    })),
  }
}

// A number, or the text as typed when it is not one, so the API names the field.
const numberOrNull = (v: string): any => {
  const trimmed = v.trim()
  if (trimmed === "") return null
  return Number.isNaN(Number(trimmed)) ? trimmed : Number(trimmed)
}

export function reachBodyOf(v: ReachValues) {
  const shipping = v.target === "shipping"
  return {
    target: v.target,
    max_shipping_amount: shipping ? numberOrNull(v.max_shipping_amount) : null,
    country_codes: shipping
      ? v.country_codes
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((c) => c.toLowerCase())
      : [],
    customer_group_ids: v.customer_group_ids,
    min_quantity: numberOrNull(v.min_quantity),
    sales_channel_ids: v.sales_channel_ids,
    region_ids: v.region_ids,
    amounts: v.amounts.length
      ? v.amounts.map((a) => ({
          currency_code: a.currency_code,
          amount: numberOrNull(a.amount),
          min_spend: numberOrNull(a.min_spend),
          max_discount: numberOrNull(a.max_discount),
        }))
      : null,
  }
}

/** Id → name of Medusa records (customer groups, sales channels, regions) for the pickers' chips. */
const useNames = (path: string, key: string, ids: string[]) =>
  useQuery({
    queryKey: ["coupon-reach-names", path, ids],
    queryFn: () =>
      sdk.client
        .fetch<Record<string, { id: string; name: string }[]>>(path, { query: { id: ids, limit: ids.length, fields: "id,name" } })
        .then((r) => Object.fromEntries((r[key] ?? []).map((x) => [x.id, x.name]))),
    enabled: ids.length > 0,
  })

const search = (path: string, key: string) => (q: string) =>
  sdk.client
    .fetch<Record<string, { id: string; name: string }[]>>(path, { query: { q: q || undefined, limit: 20, fields: "id,name" } })
    .then((r) => (r[key] ?? []).map((x) => ({ id: x.id, label: x.name })))

export const CouponReachFields = ({
  values,
  set,
  errors,
  locked,
  currencies,
  percentage,
}: {
  values: ReachValues
  set: <K extends keyof ReachValues>(key: K, value: ReachValues[K]) => void
  errors: Record<string, string | undefined>
  locked: boolean
  currencies: string[]
  percentage: boolean
}) => {
  const groups = useNames("/admin/customer-groups", "customer_groups", values.customer_group_ids)
  const channels = useNames("/admin/sales-channels", "sales_channels", values.sales_channel_ids)
  const regions = useNames("/admin/regions", "regions", values.region_ids)
  const setAmount = (index: number, field: keyof ReachValues["amounts"][number], value: string) =>
    set(
      "amounts",
      values.amounts.map((a, i) => (i === index ? { ...a, [field]: value } : a))
    )
  const picker = (id: "customer_group_ids" | "sales_channel_ids" | "region_ids", label: string, hint: string, path: string, key: string, names?: Record<string, string>) => (
    <SearchPicker
      id={`coupon-${id}`}
      queryKey={key}
      label={label}
      hint={hint}
      searchPlaceholder={`Search ${label.toLowerCase()}`}
      selected={values[id]}
      selectedLabels={names ?? {}}
      onChange={(ids) => set(id, ids)}
      search={search(path, key)}
      disabled={locked}
      error={errors[id]}
    />
  )

  return (
    <div className="flex flex-col gap-y-6">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <FormField form="coupon" name="target" label="Discounts" error={errors.target}>
          <Select value={values.target} onValueChange={(v) => set("target", v as ReachValues["target"])} disabled={locked}>
            <Select.Trigger id="coupon-target">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="items">Items</Select.Item>
              <Select.Item value="shipping">Shipping (100% = free shipping)</Select.Item>
            </Select.Content>
          </Select>
        </FormField>
        {values.target === "shipping" && (
          <FormField form="coupon" name="max_shipping_amount" label="Highest shipping price discounted" optional hint="A method priced above it is not discounted." error={errors.max_shipping_amount}>
            <Input id="coupon-max_shipping_amount" type="number" inputMode="decimal" step="any" value={values.max_shipping_amount} disabled={locked} onChange={(e) => set("max_shipping_amount", e.target.value)} />
          </FormField>
        )}
        {values.target === "shipping" && (
          <FormField form="coupon" name="country_codes" label="Shipping countries" optional hint="e.g. US, DE; empty = any." error={errors.country_codes}>
            <Input id="coupon-country_codes" value={values.country_codes} disabled={locked} onChange={(e) => set("country_codes", e.target.value.toUpperCase())} />
          </FormField>
        )}
      </div>
      <FormField form="coupon" name="min_quantity" label="Minimum quantity" optional hint="Eligible units the cart must hold." error={errors.min_quantity}>
        <Input id="coupon-min_quantity" type="number" inputMode="numeric" value={values.min_quantity} disabled={locked} onChange={(e) => set("min_quantity", e.target.value)} />
      </FormField>
      {picker("customer_group_ids", "Customer groups", "Only members of these groups; guests never qualify (none = anyone).", "/admin/customer-groups", "customer_groups", groups.data)}
      {picker("sales_channel_ids", "Sales channels", "Only carts in these channels (none = every channel).", "/admin/sales-channels", "sales_channels", channels.data)}
      {picker("region_ids", "Regions", "Only carts in these regions (none = every region).", "/admin/regions", "regions", regions.data)}
      <div className="flex flex-col gap-y-2" id="coupon-amounts">
        <Label size="small" weight="plus">Amounts per currency</Label>
        <Text size="small" className="text-ui-fg-subtle">
          One coupon in several currencies: the cart's currency picks its row; other currencies are refused. Replaces
          the currency, amount, minimum spend and maximum discount of the General tab (clear those).
        </Text>
        {values.amounts.map((a, i) => (
          <div key={i} className="grid grid-cols-[1fr_1fr_1fr_1fr_auto] items-end gap-2">
            <Select value={a.currency_code || undefined} onValueChange={(v) => setAmount(i, "currency_code", v)} disabled={locked}>
              <Select.Trigger aria-label="Currency">
                <Select.Value placeholder="Currency" />
              </Select.Trigger>
              <Select.Content>
                {[...new Set([...currencies, ...(a.currency_code ? [a.currency_code] : [])])].map((c) => (
                  <Select.Item key={c} value={c}>
                    {c.toUpperCase()}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
            {percentage ? (
              <Input aria-label="Maximum discount" placeholder="Max discount" type="number" step="any" value={a.max_discount} disabled={locked} onChange={(e) => setAmount(i, "max_discount", e.target.value)} />
            ) : (
              <Input aria-label="Amount" placeholder="Amount" type="number" step="any" value={a.amount} disabled={locked} onChange={(e) => setAmount(i, "amount", e.target.value)} />
            )}
            <Input aria-label="Minimum spend" placeholder="Min spend" type="number" step="any" value={a.min_spend} disabled={locked} onChange={(e) => setAmount(i, "min_spend", e.target.value)} />
            <span />
            <IconButton type="button" variant="transparent" aria-label="Remove currency" disabled={locked} onClick={() => set("amounts", values.amounts.filter((_, j) => j !== i))}>
              <Trash />
            </IconButton>
          </div>
        ))}
        <div>
          <Button type="button" size="small" variant="secondary" disabled={locked} onClick={() => set("amounts", [...values.amounts, { currency_code: "", amount: "", min_spend: "", max_discount: "" }])}>
            Add currency
          </Button>
        </div>
        {errors.amounts && (
          <Text size="small" className="text-ui-fg-error" role="alert">
            {errors.amounts}
          </Text>
        )}
      </div>
    </div>
  )
}

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
