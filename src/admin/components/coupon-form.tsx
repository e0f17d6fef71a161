/*
 * The coupon form: one state object, one submit and one error-to-field mapping for the
 * three tabs. Over 300 lines because the tabs are still here; moving each tab into its
 * own file (issue 12) is left for a later change.
 */
import { LockClosedSolid } from "@medusajs/icons"
import {
  Alert,
  DatePicker,
  Heading,
  Hint,
  Input,
  Label,
  RadioGroup,
  Select,
  Switch,
  Tabs,
  Text,
  Textarea,
  toast,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { fieldErrorsOf, type FieldErrors } from "../lib/field-errors"
import { errorMessage } from "../lib/format"
import {
  searchCategories,
  searchProducts,
  useCategoriesByIds,
  useProductsByIds,
  useStoreCurrencies,
  type CouponBody,
} from "../lib/queries"
import type { Coupon, CouponPlan } from "../lib/types"
import { CouponReachFields, REACH_FIELDS, reachBodyOf, reachValuesOf, type ReachValues } from "./coupon-reach-fields"
import { FormField } from "./form-field"
import { ModalForm } from "./modal-form"
import { SearchPicker } from "./search-picker"

/** The three tabs, grouped as docs/rules.md §1 and the plan rules group the fields. */
export const TAB_FIELDS = {
  general: [
    "code",
    "title",
    "description",
    "type",
    "amount",
    "percentage",
    "max_discount",
    "currency_code",
    "min_spend",
    "exclude_sale_items",
    "starts_at",
    "ends_at",
    "is_active",
    "allocation",
    "renewal_applicable",
    "validity_days",
    "metadata",
  ],
  restrictions: ["first_order_only", "product_ids", "category_ids", ...REACH_FIELDS],
  usage: ["usage_limit", "usage_limit_per_customer"],
} as const

type Tab = keyof typeof TAB_FIELDS

const ALL_FIELDS = Object.values(TAB_FIELDS).flat() as string[]

const tabOfField = (field: string): Tab | null =>
  (Object.keys(TAB_FIELDS) as Tab[]).find((tab) => (TAB_FIELDS[tab] as readonly string[]).includes(field)) ?? null

type Values = {
  code: string
  title: string
  description: string
  type: "fixed" | "percentage"
  amount: string
  percentage: string
  max_discount: string
  currency_code: string
  min_spend: string
  exclude_sale_items: boolean
  starts_at: Date | null
  ends_at: Date | null
  is_active: boolean
  allocation: "even" | "proportional"
  renewal_applicable: boolean
  validity_days: string
  first_order_only: boolean
  product_ids: string[]
  category_ids: string[]
  usage_limit: string
  usage_limit_per_customer: string
} & ReachValues

const text = (v: number | string | null | undefined) => (v === null || v === undefined ? "" : String(v))

function valuesOf(coupon?: Coupon): Values {
  return {
    code: coupon?.code ?? "",
    title: coupon?.title ?? "",
    description: coupon?.description ?? "",
    type: coupon?.type ?? "percentage",
    amount: text(coupon?.amount),
    percentage: text(coupon?.percentage),
    max_discount: text(coupon?.max_discount),
    currency_code: coupon?.currency_code ?? "",
    min_spend: text(coupon?.min_spend),
    exclude_sale_items: coupon?.exclude_sale_items ?? false,
    starts_at: coupon?.starts_at ? new Date(coupon.starts_at) : null,
    ends_at: coupon?.ends_at ? new Date(coupon.ends_at) : null,
    is_active: coupon?.is_active ?? true,
    allocation: coupon?.allocation ?? "even",
    renewal_applicable: coupon?.renewal_applicable ?? false,
    validity_days: text(coupon?.validity_days),
    first_order_only: coupon?.first_order_only ?? false,
    product_ids: coupon?.product_ids ?? [],
    category_ids: coupon?.category_ids ?? [],
    usage_limit: text(coupon?.usage_limit),
    usage_limit_per_customer: text(coupon?.usage_limit_per_customer),
    ...reachValuesOf(coupon),
  }
}

// An empty input means "not set". Anything else goes to the API as typed (a
// number, or the text when it is not one) so that the API names the field.
const numberOrNull = (v: string): number | string | null => {
  const trimmed = v.trim()
  if (trimmed === "") return null
  const n = Number(trimmed)
  return Number.isNaN(n) ? trimmed : n
}

/** The request body the form stands for (the API validates it and names a bad field). */
function bodyOf(v: Values): CouponBody {
  const percentage = v.type === "percentage"
  return {
    code: v.code.trim() === "" ? null : v.code.trim(),
    title: v.title,
    description: v.description.trim() === "" ? null : v.description,
    type: v.type,
    amount: percentage ? null : (numberOrNull(v.amount) as number | null),
    percentage: percentage ? (numberOrNull(v.percentage) as number | null) : null,
    max_discount: percentage ? (numberOrNull(v.max_discount) as number | null) : null,
    currency_code: v.currency_code || null,
    min_spend: numberOrNull(v.min_spend) as number | null,
    exclude_sale_items: v.exclude_sale_items,
    starts_at: v.starts_at ? v.starts_at.toISOString() : null,
    ends_at: v.ends_at ? v.ends_at.toISOString() : null,
    is_active: v.is_active,
    allocation: v.allocation,
    renewal_applicable: v.renewal_applicable,
    validity_days: numberOrNull(v.validity_days) as number | null,
    first_order_only: v.first_order_only,
    product_ids: v.product_ids,
    category_ids: v.category_ids,
    usage_limit: numberOrNull(v.usage_limit) as number | null,
    usage_limit_per_customer: numberOrNull(v.usage_limit_per_customer) as number | null,
    ...reachBodyOf(v),
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** On edit only what changed is sent: the plan rules judge only changed fields. */
function changesOf(initial: CouponBody, next: CouponBody): CouponBody {
  return Object.fromEntries(
    Object.entries(next).filter(([key, value]) => !same(value, (initial as Record<string, unknown>)[key]))
  ) as CouponBody
}

/**
 * The create / edit form: General, Restrictions and Usage tabs. The API is
 * the judge: its message is shown under the field it names (and that tab is
 * opened), or above the form when it names none.
 */
export const CouponForm = ({
  coupon,
  plan,
  onSubmit,
  isPending,
  submitLabel,
}: {
  coupon?: Coupon
  plan: CouponPlan
  onSubmit: (body: CouponBody) => Promise<unknown>
  isPending: boolean
  submitLabel: string
}) => {
  const initial = useMemo(() => valuesOf(coupon), [coupon])
  const [values, setValues] = useState<Values>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [tab, setTab] = useState<Tab>("general")
  const currencies = useStoreCurrencies()
  const locked = plan === "basic"

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }))
    setErrors((prev) => {
      if (!prev[key] && !prev.form) return prev
      const { [key]: _removed, form: _form, ...rest } = prev
      return rest
    })
  }

  const products = useProductsByIds(values.product_ids)
  const categories = useCategoriesByIds(values.category_ids)
  const productLabels = Object.fromEntries((products.data ?? []).map((p) => [p.id, p.title]))
  const categoryLabels = Object.fromEntries((categories.data ?? []).map((c) => [c.id, c.name]))

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (values.title.trim() === "") {
      showErrors({ title: "title cannot be empty" })
      return
    }
    const body = bodyOf(values)
    const payload = coupon ? changesOf(bodyOf(initial), body) : withoutUnusedAdvanced(body, locked)
    try {
      await onSubmit(payload)
    } catch (error) {
      showErrors(fieldErrorsOf(errorMessage(error), ALL_FIELDS))
    }
  }

  const showErrors = (next: FieldErrors) => {
    setErrors(next)
    const field = Object.keys(next).find((f) => f !== "form")
    const target = field ? tabOfField(field) : null
    if (target) setTab(target)
    if (next.form) toast.error(next.form)
    // After the tab has rendered, put the cursor on the field at fault.
    setTimeout(() => {
      const element = field ? document.getElementById(`coupon-${field}`) : null
      element?.focus()
    }, 50)
  }

  const percentage = values.type === "percentage"

  return (
    <ModalForm onSubmit={submit} submitLabel={submitLabel} isPending={isPending} bodyClassName="flex flex-1 flex-col items-center overflow-y-auto py-12">
      <div className="flex w-full max-w-[720px] flex-col gap-y-6 px-6">
        <div>
          <Heading>{coupon ? `Edit coupon ${coupon.code ?? coupon.title}` : "Create coupon"}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Plan: {plan === "basic" ? "Basic (general fields only)" : "Advanced"}. Save with ⌘/Ctrl + Enter.
          </Text>
        </div>
        {errors.form && (
          <Alert variant="error" dismissible={false}>
            {errors.form}
          </Alert>
        )}
        <Tabs value={tab} onValueChange={(t) => setTab(t as Tab)}>
          <Tabs.List>
            <Tabs.Trigger value="general">General{tabErrorMark(errors, "general")}</Tabs.Trigger>
            <Tabs.Trigger value="restrictions">
              {locked && <LockClosedSolid className="mr-1" aria-label="Locked on the basic plan" />}
              Restrictions{tabErrorMark(errors, "restrictions")}
            </Tabs.Trigger>
            <Tabs.Trigger value="usage">
              {locked && <LockClosedSolid className="mr-1" aria-label="Locked on the basic plan" />}
              Usage{tabErrorMark(errors, "usage")}
            </Tabs.Trigger>
          </Tabs.List>

          <Tabs.Content value="general" className="flex flex-col gap-y-6 pt-6">
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <FormField form="coupon" name="code" label="Code" hint="Typed at checkout; letters, digits, - and _, up to 16. Leave empty for serial codes only." error={errors.code}>
                <Input
                  id="coupon-code"
                  value={values.code}
                  onChange={(e) => set("code", e.target.value.toUpperCase())}
                  aria-invalid={Boolean(errors.code)}
                  autoFocus={!coupon}
                />
              </FormField>
              <FormField form="coupon" name="title" label="Title" error={errors.title}>
                <Input id="coupon-title" value={values.title} onChange={(e) => set("title", e.target.value)} aria-invalid={Boolean(errors.title)} />
              </FormField>
            </div>
            <FormField form="coupon" name="description" label="Description" optional hint="Usage text shown to shoppers." error={errors.description}>
              <Textarea id="coupon-description" value={values.description} onChange={(e) => set("description", e.target.value)} />
            </FormField>

            <FormField form="coupon" name="type" label="Discount type" error={errors.type}>
              <RadioGroup
                id="coupon-type"
                value={values.type}
                onValueChange={(v) => set("type", v as Values["type"])}
                className="grid grid-cols-1 gap-3 md:grid-cols-2"
              >
                <RadioGroup.ChoiceBox value="percentage" label="Percentage" description="A share of the eligible subtotal, optionally capped." />
                <RadioGroup.ChoiceBox value="fixed" label="Fixed amount" description="An amount off, in the coupon's currency." />
              </RadioGroup>
            </FormField>

            <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
              {percentage ? (
                <FormField form="coupon" name="percentage" label="Percentage" error={errors.percentage}>
                  <Input id="coupon-percentage" type="number" inputMode="decimal" step="any" value={values.percentage} onChange={(e) => set("percentage", e.target.value)} aria-invalid={Boolean(errors.percentage)} />
                </FormField>
              ) : (
                <FormField form="coupon" name="amount" label="Amount" error={errors.amount}>
                  <Input id="coupon-amount" type="number" inputMode="decimal" step="any" value={values.amount} onChange={(e) => set("amount", e.target.value)} aria-invalid={Boolean(errors.amount)} />
                </FormField>
              )}
              {percentage && (
                <FormField form="coupon" name="max_discount" label="Maximum discount" optional error={errors.max_discount}>
                  <Input id="coupon-max_discount" type="number" inputMode="decimal" step="any" value={values.max_discount} onChange={(e) => set("max_discount", e.target.value)} aria-invalid={Boolean(errors.max_discount)} />
                </FormField>
              )}
              <FormField form="coupon" name="currency_code" label="Currency" optional={percentage} error={errors.currency_code}>
                <Select value={values.currency_code || "none"} onValueChange={(v) => set("currency_code", v === "none" ? "" : v)}>
                  <Select.Trigger id="coupon-currency_code" aria-invalid={Boolean(errors.currency_code)}>
                    <Select.Value placeholder="Currency" />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value="none">Any currency</Select.Item>
                    {(currencies.data ?? []).map((c) => (
                      <Select.Item key={c} value={c}>
                        {c.toUpperCase()}
                      </Select.Item>
                    ))}
                    {values.currency_code && !(currencies.data ?? []).includes(values.currency_code) && (
                      <Select.Item value={values.currency_code}>{values.currency_code.toUpperCase()}</Select.Item>
                    )}
                  </Select.Content>
                </Select>
              </FormField>
            </div>

            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <FormField form="coupon" name="min_spend" label="Minimum spend" optional hint="Eligible subtotal needed, in the coupon's currency." error={errors.min_spend}>
                <Input id="coupon-min_spend" type="number" inputMode="decimal" step="any" value={values.min_spend} onChange={(e) => set("min_spend", e.target.value)} aria-invalid={Boolean(errors.min_spend)} />
              </FormField>
              <SwitchField id="exclude_sale_items" label="Exclude sale items" hint="Items sold below their regular price are not discounted." checked={values.exclude_sale_items} onChange={(v) => set("exclude_sale_items", v)} error={errors.exclude_sale_items} />
            </div>

            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <FormField form="coupon" name="starts_at" label="Starts" optional error={errors.starts_at}>
                <DatePicker id="coupon-starts_at" granularity="minute" shouldCloseOnSelect={false} value={values.starts_at} onChange={(d) => set("starts_at", d)} aria-label="Starts" />
              </FormField>
              <FormField form="coupon" name="ends_at" label="Ends" optional error={errors.ends_at}>
                <DatePicker id="coupon-ends_at" granularity="minute" shouldCloseOnSelect={false} value={values.ends_at} onChange={(d) => set("ends_at", d)} aria-label="Ends" />
              </FormField>
            </div>

            <SwitchField id="is_active" label="Active" hint="Paused coupons do not work at checkout." checked={values.is_active} onChange={(v) => set("is_active", v)} error={errors.is_active} />

            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <FormField form="coupon" name="allocation" label="Split over the lines" error={errors.allocation}>
                <Select value={values.allocation} onValueChange={(v) => set("allocation", v as Values["allocation"])}>
                  <Select.Trigger id="coupon-allocation">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value="even">Evenly</Select.Item>
                    <Select.Item value="proportional">In proportion to line totals</Select.Item>
                  </Select.Content>
                </Select>
              </FormField>
              <FormField form="coupon" name="validity_days" label="Wallet validity (days)" optional hint="A wallet entry expires this many days after it is received." error={errors.validity_days}>
                <Input id="coupon-validity_days" type="number" inputMode="numeric" value={values.validity_days} onChange={(e) => set("validity_days", e.target.value)} aria-invalid={Boolean(errors.validity_days)} />
              </FormField>
            </div>
            <SwitchField id="renewal_applicable" label="Renewal orders" hint="Shown to shoppers as “Renewal: Available”." checked={values.renewal_applicable} onChange={(v) => set("renewal_applicable", v)} error={errors.renewal_applicable} />
          </Tabs.Content>

          <Tabs.Content value="restrictions" className="flex flex-col gap-y-6 pt-6">
            {locked && <LockedNotice />}
            <SwitchField id="first_order_only" label="First order only" hint="Only customers without an earlier order (guests by e-mail)." checked={values.first_order_only} onChange={(v) => set("first_order_only", v)} disabled={locked} error={errors.first_order_only} />
            <SearchPicker
              id="coupon-product_ids"
              queryKey="products"
              label="Products"
              hint="Only these products (none = every product)."
              searchPlaceholder="Search products"
              selected={values.product_ids}
              selectedLabels={productLabels}
              onChange={(ids) => set("product_ids", ids)}
              search={(q) => searchProducts(q).then((ps) => ps.map((p) => ({ id: p.id, label: p.title })))}
              disabled={locked}
              error={errors.product_ids}
            />
            <SearchPicker
              id="coupon-category_ids"
              queryKey="categories"
              label="Categories"
              hint="Products in these categories or any of their sub-categories."
              searchPlaceholder="Search categories"
              selected={values.category_ids}
              selectedLabels={categoryLabels}
              onChange={(ids) => set("category_ids", ids)}
              search={(q) => searchCategories(q).then((cs) => cs.map((c) => ({ id: c.id, label: c.name })))}
              disabled={locked}
              error={errors.category_ids}
            />
            <CouponReachFields
              values={values}
              set={(key, value) => set(key, value as Values[typeof key])}
              errors={errors}
              locked={locked}
              currencies={currencies.data ?? []}
              percentage={percentage}
            />
          </Tabs.Content>

          <Tabs.Content value="usage" className="flex flex-col gap-y-6 pt-6">
            {locked && <LockedNotice />}
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <FormField form="coupon" name="usage_limit" label="Total uses" optional hint="Across all customers; empty = unlimited." error={errors.usage_limit}>
                <Input id="coupon-usage_limit" type="number" inputMode="numeric" value={values.usage_limit} disabled={locked} onChange={(e) => set("usage_limit", e.target.value)} aria-invalid={Boolean(errors.usage_limit)} />
              </FormField>
              <FormField form="coupon" name="usage_limit_per_customer" label="Uses per customer" optional hint="Guests are counted by e-mail; empty = unlimited." error={errors.usage_limit_per_customer}>
                <Input id="coupon-usage_limit_per_customer" type="number" inputMode="numeric" value={values.usage_limit_per_customer} disabled={locked} onChange={(e) => set("usage_limit_per_customer", e.target.value)} aria-invalid={Boolean(errors.usage_limit_per_customer)} />
              </FormField>
            </div>
          </Tabs.Content>
        </Tabs>
      </div>
    </ModalForm>
  )
}

/** On the basic plan a new coupon sends no restriction or usage field at all. */
function withoutUnusedAdvanced(body: CouponBody, locked: boolean): CouponBody {
  if (!locked) return body
  const { first_order_only: _f, product_ids: _p, category_ids: _c, usage_limit: _u, usage_limit_per_customer: _upc, ...rest } = body
  for (const field of REACH_FIELDS) delete (rest as Record<string, unknown>)[field]
  return rest
}

const tabErrorMark = (errors: FieldErrors, tab: Tab) =>
  (TAB_FIELDS[tab] as readonly string[]).some((f) => errors[f]) ? (
    <span className="text-ui-fg-error ml-1" aria-label="has an error">
      •
    </span>
  ) : null

const LockedNotice = () => (
  <Text size="small" className="text-ui-fg-subtle flex items-center gap-x-2" data-testid="plan-locked">
    <LockClosedSolid />
    The basic plan allows only the general fields; switch to the advanced plan in Settings → Coupons to use these.
  </Text>
)

const SwitchField = ({
  id,
  label,
  hint,
  checked,
  onChange,
  disabled,
  error,
}: {
  id: string
  label: string
  hint?: string
  checked: boolean
  onChange: (value: boolean) => void
  disabled?: boolean
  error?: string
}) => (
  <div className="shadow-elevation-card-rest bg-ui-bg-component flex items-start gap-x-3 rounded-lg p-3">
    <Switch id={`coupon-${id}`} checked={checked} onCheckedChange={onChange} disabled={disabled} />
    <div className="flex flex-col">
      <Label size="small" weight="plus" htmlFor={`coupon-${id}`}>
        {label}
      </Label>
      {hint && <Hint>{hint}</Hint>}
      {error && (
        <Hint variant="error" role="alert" data-testid={`error-${id}`}>
          {error}
        </Hint>
      )}
    </div>
  </div>
)
