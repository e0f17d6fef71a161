import { LockClosedSolid } from "@medusajs/icons"
import { Alert, Heading, Tabs, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { fieldErrorsOf, type FieldErrors } from "../../lib/field-errors"
import type { CouponBody } from "../../lib/queries"
import type { Coupon, CouponPlan } from "../../lib/types"
import { ModalForm } from "../modal-form"
import type { CouponFormBinding } from "./fields"
import { GeneralTab } from "./general-tab"
import { RestrictionsTab } from "./restrictions-tab"
import { UsageTab } from "./usage-tab"
import {
  ALL_FIELDS,
  bodyOf,
  changesOf,
  TAB_FIELDS,
  tabOfField,
  valuesOf,
  withoutUnusedAdvanced,
  type CouponValues,
  type Tab,
} from "./values"

export { TAB_FIELDS }

/**
 * The create / edit form: General, Restrictions and Usage tabs (one file
 * each), one state object and one submit. The API is the judge: its refusal
 * is shown under the field its `details.field` names (and that tab is
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
  const [values, setValues] = useState<CouponValues>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [tab, setTab] = useState<Tab>("general")
  const locked = plan === "basic"

  const set = <K extends keyof CouponValues>(key: K, value: CouponValues[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }))
    setErrors((prev) => {
      if (!prev[key] && !prev.form) return prev
      const { [key]: _removed, form: _form, ...rest } = prev
      return rest
    })
  }
  const form: CouponFormBinding = { values, errors, set }

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
      showErrors(fieldErrorsOf(error, ALL_FIELDS))
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
            <GeneralTab form={form} autoFocusCode={!coupon} />
          </Tabs.Content>
          <Tabs.Content value="restrictions" className="flex flex-col gap-y-6 pt-6">
            <RestrictionsTab form={form} locked={locked} />
          </Tabs.Content>
          <Tabs.Content value="usage" className="flex flex-col gap-y-6 pt-6">
            <UsageTab form={form} locked={locked} />
          </Tabs.Content>
        </Tabs>
      </div>
    </ModalForm>
  )
}

const tabErrorMark = (errors: FieldErrors, tab: Tab) =>
  (TAB_FIELDS[tab] as readonly string[]).some((f) => errors[f]) ? (
    <span className="text-ui-fg-error ml-1" aria-label="has an error">
      •
    </span>
  ) : null
