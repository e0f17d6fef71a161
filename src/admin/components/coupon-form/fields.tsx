import { DatePicker, Hint, Input, Label, RadioGroup, Select, Switch, Textarea } from "@medusajs/ui"
import type { FieldErrors } from "../../lib/field-errors"
import { FormField } from "../form-field"
import { SearchPicker, type PickerOption } from "../search-picker"
import type { CouponValues } from "./values"

/*
 * One component per kind of input of the coupon form. Each is bound to the
 * form by name: it reads its value and error, writes through `set`, and its
 * control has the id `coupon-${name}` (the form focuses it when the API names
 * the field) with its error under `data-testid="error-${name}"`.
 */

/** What a field is bound to: the form's values, the API's errors by field and the setter. */
export type CouponFormBinding = {
  values: CouponValues
  errors: FieldErrors
  set: <K extends keyof CouponValues>(key: K, value: CouponValues[K]) => void
}

type KeysOf<T> = { [K in keyof CouponValues]: CouponValues[K] extends T ? K : never }[keyof CouponValues]

type Common<T> = {
  form: CouponFormBinding
  name: KeysOf<T>
  label: string
  hint?: string
  optional?: boolean
  disabled?: boolean
}

const id = (name: string) => `coupon-${name}`

export const TextField = ({ form, name, label, hint, optional, disabled }: Common<string>) => (
  <FormField form="coupon" name={name} label={label} hint={hint} optional={optional} error={form.errors[name]}>
    <Input id={id(name)} value={form.values[name]} disabled={disabled} onChange={(e) => form.set(name, e.target.value)} aria-invalid={Boolean(form.errors[name])} />
  </FormField>
)

/** Codes typed by shoppers or merchants (coupon code, country codes): shown and sent in upper case. */
export const CodeField = ({ form, name, label, hint, optional, disabled, autoFocus }: Common<string> & { autoFocus?: boolean }) => (
  <FormField form="coupon" name={name} label={label} hint={hint} optional={optional} error={form.errors[name]}>
    <Input
      id={id(name)}
      value={form.values[name]}
      disabled={disabled}
      onChange={(e) => form.set(name, e.target.value.toUpperCase())}
      aria-invalid={Boolean(form.errors[name])}
      autoFocus={autoFocus}
    />
  </FormField>
)

export const TextAreaField = ({ form, name, label, hint, optional, disabled }: Common<string>) => (
  <FormField form="coupon" name={name} label={label} hint={hint} optional={optional} error={form.errors[name]}>
    <Textarea id={id(name)} value={form.values[name]} disabled={disabled} onChange={(e) => form.set(name, e.target.value)} />
  </FormField>
)

const NumberField = ({ form, name, label, hint, optional, disabled, decimal }: Common<string> & { decimal: boolean }) => (
  <FormField form="coupon" name={name} label={label} hint={hint} optional={optional} error={form.errors[name]}>
    <Input
      id={id(name)}
      type="number"
      inputMode={decimal ? "decimal" : "numeric"}
      step={decimal ? "any" : undefined}
      value={form.values[name]}
      disabled={disabled}
      onChange={(e) => form.set(name, e.target.value)}
      aria-invalid={Boolean(form.errors[name])}
    />
  </FormField>
)

/** An amount of money in the coupon's currency, in its main unit (the API converts). */
export const MoneyField = (props: Common<string>) => <NumberField {...props} decimal />

/** A percentage, 0–100, decimals allowed. */
export const PercentageField = (props: Common<string>) => <NumberField {...props} decimal />

/** A whole number (uses, days, units). */
export const CountField = (props: Common<string>) => <NumberField {...props} decimal={false} />

export const DateTimeField = ({ form, name, label, hint, optional }: Common<Date | null>) => (
  <FormField form="coupon" name={name} label={label} hint={hint} optional={optional} error={form.errors[name]}>
    <DatePicker id={id(name)} granularity="minute" shouldCloseOnSelect={false} value={form.values[name]} onChange={(d) => form.set(name, d)} aria-label={label} />
  </FormField>
)

export type SelectOption = { value: string; label: string }

/** One value from a list; `emptyValue` stands for "not set" (an empty string in the form). */
export const SelectField = ({
  form,
  name,
  label,
  hint,
  optional,
  disabled,
  options,
  placeholder,
  emptyValue,
}: Common<string> & { options: SelectOption[]; placeholder?: string; emptyValue?: string }) => {
  const value = form.values[name] as string
  return (
    <FormField form="coupon" name={name} label={label} hint={hint} optional={optional} error={form.errors[name]}>
      <Select
        value={value || emptyValue}
        onValueChange={(v) => form.set(name, (v === emptyValue ? "" : v) as never)}
        disabled={disabled}
      >
        <Select.Trigger id={id(name)} aria-invalid={Boolean(form.errors[name])}>
          <Select.Value placeholder={placeholder} />
        </Select.Trigger>
        <Select.Content>
          {options.map((option) => (
            <Select.Item key={option.value} value={option.value}>
              {option.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </FormField>
  )
}

/** One of a few choices, each with a sentence saying what it means. */
export const ChoiceField = ({
  form,
  name,
  label,
  choices,
}: Common<string> & { choices: (SelectOption & { description: string })[] }) => (
  <FormField form="coupon" name={name} label={label} error={form.errors[name]}>
    <RadioGroup id={id(name)} value={form.values[name] as string} onValueChange={(v) => form.set(name, v as never)} className="grid grid-cols-1 gap-3 md:grid-cols-2">
      {choices.map((choice) => (
        <RadioGroup.ChoiceBox key={choice.value} value={choice.value} label={choice.label} description={choice.description} />
      ))}
    </RadioGroup>
  </FormField>
)

export const SwitchField = ({ form, name, label, hint, disabled }: Common<boolean>) => (
  <div className="shadow-elevation-card-rest bg-ui-bg-component flex items-start gap-x-3 rounded-lg p-3">
    <Switch id={id(name)} checked={form.values[name]} onCheckedChange={(v) => form.set(name, v)} disabled={disabled} />
    <div className="flex flex-col">
      <Label size="small" weight="plus" htmlFor={id(name)}>
        {label}
      </Label>
      {hint && <Hint>{hint}</Hint>}
      {form.errors[name] && (
        <Hint variant="error" role="alert" data-testid={`error-${name}`}>
          {form.errors[name]}
        </Hint>
      )}
    </div>
  </div>
)

/** Ids of Medusa records (products, categories, groups, channels, regions), picked by searching. */
export const IdPickerField = ({
  form,
  name,
  label,
  hint,
  disabled,
  queryKey,
  search,
  labels,
}: Common<string[]> & { queryKey: string; search: (q: string) => Promise<PickerOption[]>; labels: Record<string, string> }) => (
  <SearchPicker
    id={id(name)}
    queryKey={queryKey}
    label={label}
    hint={hint}
    searchPlaceholder={`Search ${label.toLowerCase()}`}
    selected={form.values[name]}
    selectedLabels={labels}
    onChange={(ids) => form.set(name, ids)}
    search={search}
    disabled={disabled}
    error={form.errors[name]}
  />
)
