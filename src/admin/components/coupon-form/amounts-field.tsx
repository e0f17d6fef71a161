import { Trash } from "@medusajs/icons"
import { Button, IconButton, Input, Label, Select, Text } from "@medusajs/ui"
import type { AmountRow } from "./values"
import type { CouponFormBinding } from "./fields"

const EMPTY_ROW: AmountRow = { currency_code: "", amount: "", min_spend: "", max_discount: "" }

/**
 * The amounts per currency (docs/rules.md §7.2): one row per currency with
 * the amount (or, for a percentage, the cap) and the minimum spend.
 */
export const AmountsField = ({
  form,
  currencies,
  disabled,
}: {
  form: CouponFormBinding
  currencies: string[]
  disabled: boolean
}) => {
  const rows = form.values.amounts
  const percentage = form.values.type === "percentage"
  const setRow = (index: number, field: keyof AmountRow, value: string) =>
    form.set(
      "amounts",
      rows.map((row, i) => (i === index ? { ...row, [field]: value } : row))
    )
  const amountInput = (index: number, field: "amount" | "max_discount" | "min_spend", label: string, placeholder: string) => (
    <Input aria-label={label} placeholder={placeholder} type="number" step="any" value={rows[index][field]} disabled={disabled} onChange={(e) => setRow(index, field, e.target.value)} />
  )
  return (
    <div className="flex flex-col gap-y-2" id="coupon-amounts">
      <Label size="small" weight="plus">Amounts per currency</Label>
      <Text size="small" className="text-ui-fg-subtle">
        One coupon in several currencies: the cart's currency picks its row; other currencies are refused. Replaces
        the currency, amount, minimum spend and maximum discount of the General tab (clear those).
      </Text>
      {rows.map((row, i) => (
        <div key={i} className="grid grid-cols-[1fr_1fr_1fr_1fr_auto] items-end gap-2">
          <Select value={row.currency_code || undefined} onValueChange={(v) => setRow(i, "currency_code", v)} disabled={disabled}>
            <Select.Trigger aria-label="Currency">
              <Select.Value placeholder="Currency" />
            </Select.Trigger>
            <Select.Content>
              {[...new Set([...currencies, ...(row.currency_code ? [row.currency_code] : [])])].map((c) => (
                <Select.Item key={c} value={c}>
                  {c.toUpperCase()}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          {percentage ? amountInput(i, "max_discount", "Maximum discount", "Max discount") : amountInput(i, "amount", "Amount", "Amount")}
          {amountInput(i, "min_spend", "Minimum spend", "Min spend")}
          <span />
          <IconButton type="button" variant="transparent" aria-label="Remove currency" disabled={disabled} onClick={() => form.set("amounts", rows.filter((_, j) => j !== i))}>
            <Trash />
          </IconButton>
        </div>
      ))}
      <div>
        <Button type="button" size="small" variant="secondary" disabled={disabled} onClick={() => form.set("amounts", [...rows, EMPTY_ROW])}>
          Add currency
        </Button>
      </div>
      {form.errors.amounts && (
        <Text size="small" className="text-ui-fg-error" role="alert">
          {form.errors.amounts}
        </Text>
      )}
    </div>
  )
}
