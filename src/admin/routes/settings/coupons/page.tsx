import { defineRouteConfig } from "@medusajs/admin-sdk"
import { XMarkMini } from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  Heading,
  Hint,
  IconButton,
  Input,
  Label,
  RadioGroup,
  Switch,
  Text,
  toast,
} from "@medusajs/ui"
import { useEffect, useState, type ReactNode } from "react"
import { ErrorState, SectionSkeleton } from "../../../components/states"
import { fieldErrorsOf, type FieldErrors } from "../../../lib/field-errors"
import { useCouponSettings, useUpdateCouponSettings } from "../../../lib/queries"
import type { CouponSettings } from "../../../lib/types"

const FIELDS = [
  "enabled",
  "plan",
  "expiring_soon_days",
  "payment_hold_minutes",
  "excluded_product_kinds",
  "allowed_order_types",
  "restore_usage_on_cancel",
] as const

type Draft = {
  enabled: boolean
  plan: "basic" | "advanced"
  expiring_soon_days: string
  payment_hold_minutes: string
  excluded_product_kinds: string[]
  allowed_order_types: string[]
  restore_usage_on_cancel: boolean
}

const draftOf = (s: CouponSettings): Draft => ({
  enabled: s.enabled,
  plan: s.plan,
  expiring_soon_days: String(s.expiring_soon_days),
  payment_hold_minutes: String(s.payment_hold_minutes),
  excluded_product_kinds: s.excluded_product_kinds,
  allowed_order_types: s.allowed_order_types,
  restore_usage_on_cancel: s.restore_usage_on_cancel,
})

const CouponSettingsPage = () => {
  const settings = useCouponSettings()
  if (settings.isLoading) return <SectionSkeleton rows={6} />
  if (settings.error || !settings.data) {
    return <ErrorState title="Could not load the coupon settings" error={settings.error} onRetry={() => settings.refetch()} />
  }
  return <SettingsForm settings={settings.data} />
}

const SettingsForm = ({ settings }: { settings: CouponSettings }) => {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings))
  const [errors, setErrors] = useState<FieldErrors>({})
  const update = useUpdateCouponSettings()
  useEffect(() => setDraft(draftOf(settings)), [settings])

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors((e) => {
      const { [key]: _removed, form: _form, ...rest } = e
      return rest
    })
  }

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setErrors({})
    const whole = (v: string) => (v.trim() === "" || Number.isNaN(Number(v)) ? v : Number(v))
    try {
      await update.mutateAsync({
        ...draft,
        expiring_soon_days: whole(draft.expiring_soon_days) as number,
        payment_hold_minutes: whole(draft.payment_hold_minutes) as number,
      })
      toast.success("Coupon settings saved")
    } catch (error) {
      const next = fieldErrorsOf(error, FIELDS)
      setErrors(next)
      if (next.form) toast.error(next.form)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading>Coupons</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Store-wide rules for every coupon.
            </Text>
          </div>
          <Button size="small" type="submit" isLoading={update.isPending}>
            Save
          </Button>
        </div>

        <Row label="Coupons enabled" hint="When off, no code works at checkout and shoppers are told coupons are disabled." error={errors.enabled} htmlFor="settings-enabled">
          <Switch id="settings-enabled" checked={draft.enabled} onCheckedChange={(v) => set("enabled", v)} />
        </Row>

        <Row label="Plan" hint="Basic allows only the general fields (code, title, dates, discount, min spend, exclude sale items). Switching to basic leaves existing coupons as they are." error={errors.plan}>
          <RadioGroup value={draft.plan} onValueChange={(v) => set("plan", v as Draft["plan"])} className="grid grid-cols-1 gap-3 md:grid-cols-2" aria-label="Plan">
            <RadioGroup.ChoiceBox value="basic" label="Basic" description="General fields only." />
            <RadioGroup.ChoiceBox value="advanced" label="Advanced" description="Restrictions and usage limits too." />
          </RadioGroup>
        </Row>

        <Row label="Expiring-soon days" hint="Unused wallet coupons expiring within this many days are shown as expiring soon (0–365)." error={errors.expiring_soon_days} htmlFor="settings-expiring_soon_days">
          <Input id="settings-expiring_soon_days" type="number" inputMode="numeric" className="max-w-[160px]" value={draft.expiring_soon_days} onChange={(e) => set("expiring_soon_days", e.target.value)} aria-invalid={Boolean(errors.expiring_soon_days)} />
        </Row>

        <Row label="Payment hold (minutes)" hint="After a failed payment the coupon stays held for that cart this long (0–1440)." error={errors.payment_hold_minutes} htmlFor="settings-payment_hold_minutes">
          <Input id="settings-payment_hold_minutes" type="number" inputMode="numeric" className="max-w-[160px]" value={draft.payment_hold_minutes} onChange={(e) => set("payment_hold_minutes", e.target.value)} aria-invalid={Boolean(errors.payment_hold_minutes)} />
        </Row>

        <Row label="Excluded product kinds" hint="Products of these kinds (metadata.product_kind, else the product type) are never discounted." error={errors.excluded_product_kinds} htmlFor="settings-excluded_product_kinds">
          <TagInput id="settings-excluded_product_kinds" values={draft.excluded_product_kinds} onChange={(v) => set("excluded_product_kinds", v)} placeholder="Add a kind and press Enter" />
        </Row>

        <Row label="Allowed order types" hint="Carts whose metadata.order_type is set must have one of these types." error={errors.allowed_order_types} htmlFor="settings-allowed_order_types">
          <TagInput id="settings-allowed_order_types" values={draft.allowed_order_types} onChange={(v) => set("allowed_order_types", v)} placeholder="Add a type and press Enter" />
        </Row>

        <Row label="Give the use back on cancel" hint="A canceled or fully refunded order returns its coupon use." error={errors.restore_usage_on_cancel} htmlFor="settings-restore_usage_on_cancel">
          <Switch id="settings-restore_usage_on_cancel" checked={draft.restore_usage_on_cancel} onCheckedChange={(v) => set("restore_usage_on_cancel", v)} />
        </Row>

        {errors.form && (
          <div className="px-6 py-4">
            <Hint variant="error" role="alert">
              {errors.form}
            </Hint>
          </div>
        )}
      </Container>
    </form>
  )
}

const Row = ({ label, hint, error, htmlFor, children }: { label: string; hint: string; error?: string; htmlFor?: string; children: ReactNode }) => (
  <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-2">
    <div className="flex flex-col">
      <Label size="small" weight="plus" htmlFor={htmlFor}>
        {label}
      </Label>
      <Hint>{hint}</Hint>
    </div>
    <div className="flex flex-col gap-y-2">
      {children}
      {error && (
        <Hint variant="error" role="alert">
          {error}
        </Hint>
      )}
    </div>
  </div>
)

/** A list of short words: type and press Enter (or comma) to add, Backspace on empty to remove the last. */
const TagInput = ({
  id,
  values,
  onChange,
  placeholder,
}: {
  id: string
  values: string[]
  onChange: (values: string[]) => void
  placeholder: string
}) => {
  const [text, setText] = useState("")
  const add = () => {
    const value = text.trim().toLowerCase()
    if (value && !values.includes(value)) onChange([...values, value])
    setText("")
  }
  return (
    <div className="flex flex-col gap-y-2">
      <div className="flex flex-wrap gap-2">
        {values.length === 0 && (
          <Text size="small" className="text-ui-fg-muted">
            None
          </Text>
        )}
        {values.map((v) => (
          <Badge key={v} size="small" className="flex items-center gap-x-1 pr-0.5">
            {v}
            <IconButton type="button" size="2xsmall" variant="transparent" aria-label={`Remove ${v}`} onClick={() => onChange(values.filter((x) => x !== v))}>
              <XMarkMini />
            </IconButton>
          </Badge>
        ))}
      </div>
      <Input
        id={id}
        size="small"
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onBlur={add}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === ",") {
            e.preventDefault()
            add()
          } else if (e.key === "Backspace" && text === "" && values.length) {
            onChange(values.slice(0, -1))
          }
        }}
      />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Coupons",
})

export const handle = { breadcrumb: () => "Coupons" }

export default CouponSettingsPage
