import { useStoreCurrencies } from "../../lib/queries"
import {
  ChoiceField,
  CodeField,
  CountField,
  DateTimeField,
  MoneyField,
  PercentageField,
  SelectField,
  SwitchField,
  TextAreaField,
  TextField,
  type CouponFormBinding,
} from "./fields"

/** What the coupon gives and when: the fields every plan may set. */
export const GeneralTab = ({ form, autoFocusCode }: { form: CouponFormBinding; autoFocusCode: boolean }) => {
  const currencies = useStoreCurrencies().data ?? []
  const percentage = form.values.type === "percentage"
  const currency = form.values.currency_code
  const currencyOptions = [
    { value: "none", label: "Any currency" },
    ...currencies.map((c) => ({ value: c, label: c.toUpperCase() })),
    // A coupon's currency the store no longer lists stays selectable.
    ...(currency && !currencies.includes(currency) ? [{ value: currency, label: currency.toUpperCase() }] : []),
  ]
  return (
    <>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <CodeField form={form} name="code" label="Code" hint="Typed at checkout; letters, digits, - and _, up to 16. Leave empty for serial codes only." autoFocus={autoFocusCode} />
        <TextField form={form} name="title" label="Title" />
      </div>
      <TextAreaField form={form} name="description" label="Description" optional hint="Usage text shown to shoppers." />

      <ChoiceField
        form={form}
        name="type"
        label="Discount type"
        choices={[
          { value: "percentage", label: "Percentage", description: "A share of the eligible subtotal, optionally capped." },
          { value: "fixed", label: "Fixed amount", description: "An amount off, in the coupon's currency." },
        ]}
      />

      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {percentage ? (
          <PercentageField form={form} name="percentage" label="Percentage" />
        ) : (
          <MoneyField form={form} name="amount" label="Amount" />
        )}
        {percentage && <MoneyField form={form} name="max_discount" label="Maximum discount" optional />}
        <SelectField form={form} name="currency_code" label="Currency" optional={percentage} options={currencyOptions} placeholder="Currency" emptyValue="none" />
      </div>

      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <MoneyField form={form} name="min_spend" label="Minimum spend" optional hint="Eligible subtotal needed, in the coupon's currency." />
        <SwitchField form={form} name="exclude_sale_items" label="Exclude sale items" hint="Items sold below their regular price are not discounted." />
      </div>

      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <DateTimeField form={form} name="starts_at" label="Starts" optional />
        <DateTimeField form={form} name="ends_at" label="Ends" optional />
      </div>

      <SwitchField form={form} name="is_active" label="Active" hint="Paused coupons do not work at checkout." />

      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <SelectField
          form={form}
          name="allocation"
          label="Split over the lines"
          options={[
            { value: "even", label: "Evenly" },
            { value: "proportional", label: "In proportion to line totals" },
          ]}
        />
        <CountField form={form} name="validity_days" label="Wallet validity (days)" optional hint="A wallet entry expires this many days after it is received." />
      </div>
      <SwitchField form={form} name="renewal_applicable" label="Renewal orders" hint="Shown to shoppers as “Renewal: Available”." />
    </>
  )
}
