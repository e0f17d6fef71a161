import {
  DatePicker,
  Heading,
  Input,
  RadioGroup,
  Select,
  Text,
  Textarea,
  toast,
} from "@medusajs/ui"
import { useState } from "react"
import { fieldErrorsOf, type FieldErrors } from "../lib/field-errors"
import type { CampaignBody } from "../lib/queries"
import type { Campaign, CampaignBarcodeFormat } from "../lib/types"
import { CampaignPreview } from "./campaign-preview"
import { CouponPicker } from "./coupon-picker"
import { FormField } from "./form-field"
import { ModalForm } from "./modal-form"

const FIELDS = [
  "name",
  "instructions",
  "coupon_id",
  "send_starts_at",
  "send_ends_at",
  "expiry_mode",
  "expiry_days",
  "per_contact_limit",
  "image_url",
  "background_color",
  "button_color",
  "button_text_color",
  "barcode_format",
] as const

type Values = {
  name: string
  instructions: string
  coupon_id: string
  send_starts_at: Date | null
  send_ends_at: Date | null
  expiry_mode: "from_sending" | "from_redemption"
  expiry_days: string
  per_contact_limit: string
  image_url: string
  background_color: string
  button_color: string
  button_text_color: string
  barcode_format: CampaignBarcodeFormat
}

const DAY = 24 * 60 * 60 * 1000

function valuesOf(c?: Campaign): Values {
  const now = new Date()
  return {
    name: c?.name ?? "",
    instructions: c?.instructions ?? "",
    coupon_id: c?.coupon_id ?? "",
    send_starts_at: c ? new Date(c.send_starts_at) : now,
    send_ends_at: c ? new Date(c.send_ends_at) : new Date(now.getTime() + 14 * DAY),
    expiry_mode: c?.expiry_mode ?? "from_sending",
    expiry_days: String(c?.expiry_days ?? 30),
    per_contact_limit: String(c?.per_contact_limit ?? 1),
    image_url: c?.image_url ?? "",
    background_color: c?.background_color ?? "#f3f4f6",
    button_color: c?.button_color ?? "#111827",
    button_text_color: c?.button_text_color ?? "#ffffff",
    barcode_format: c?.barcode_format ?? "QR",
  }
}

const whole = (v: string) => (v.trim() === "" || Number.isNaN(Number(v)) ? v : Number(v))

function bodyOf(v: Values): CampaignBody {
  return {
    name: v.name,
    instructions: v.instructions.trim() === "" ? null : v.instructions,
    coupon_id: v.coupon_id,
    send_starts_at: v.send_starts_at ? v.send_starts_at.toISOString() : (undefined as unknown as string),
    send_ends_at: v.send_ends_at ? v.send_ends_at.toISOString() : (undefined as unknown as string),
    expiry_mode: v.expiry_mode,
    expiry_days: whole(v.expiry_days) as number,
    per_contact_limit: whole(v.per_contact_limit) as number,
    image_url: v.image_url.trim() === "" ? null : v.image_url.trim(),
    background_color: v.background_color,
    button_color: v.button_color,
    button_text_color: v.button_text_color,
    barcode_format: v.barcode_format,
  }
}

const changesOf = (initial: CampaignBody, next: CampaignBody) =>
  Object.fromEntries(
    Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((initial as Record<string, unknown>)[k]))
  ) as CampaignBody

/** Create / edit a campaign, with the coupon page it sends previewed live beside the form. */
export const CampaignForm = ({
  campaign,
  onSubmit,
  isPending,
  submitLabel,
}: {
  campaign?: Campaign
  onSubmit: (body: CampaignBody) => Promise<unknown>
  isPending: boolean
  submitLabel: string
}) => {
  const [initial] = useState(() => valuesOf(campaign))
  const [values, setValues] = useState<Values>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const sent = (campaign?.funnel.sent ?? 0) > 0

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }))
    setErrors((prev) => {
      const { [key]: _removed, form: _form, ...rest } = prev
      return rest
    })
  }

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const missing: FieldErrors = {}
    if (!values.name.trim()) missing.name = "name cannot be empty"
    if (!values.coupon_id) missing.coupon_id = "Choose the coupon this campaign sends."
    if (!values.send_starts_at) missing.send_starts_at = "send_starts_at is required"
    if (!values.send_ends_at) missing.send_ends_at = "send_ends_at is required"
    if (Object.keys(missing).length) {
      setErrors(missing)
      return
    }
    const body = bodyOf(values)
    try {
      await onSubmit(campaign ? changesOf(bodyOf(initial), body) : body)
    } catch (error) {
      const next = fieldErrorsOf(error, FIELDS)
      setErrors(next)
      if (next.form) toast.error(next.form)
      const field = Object.keys(next).find((f) => f !== "form")
      if (field) setTimeout(() => document.getElementById(`campaign-${field}`)?.focus(), 50)
    }
  }

  return (
    <ModalForm onSubmit={submit} submitLabel={submitLabel} isPending={isPending} bodyClassName="flex flex-1 overflow-hidden">
      <div className="flex w-full flex-col overflow-y-auto lg:flex-row">
        <div className="flex w-full flex-col gap-y-6 px-6 py-8 lg:max-w-[640px]">
          <div>
            <Heading>{campaign ? `Edit campaign ${campaign.name}` : "Create campaign"}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Sends a coupon page (chat or e-mail link) within a sending period. Save with ⌘/Ctrl + Enter.
            </Text>
          </div>
          <FormField form="campaign" name="name" label="Name" error={errors.name}>
            <Input id="campaign-name" value={values.name} onChange={(e) => set("name", e.target.value)} autoFocus={!campaign} aria-invalid={Boolean(errors.name)} />
          </FormField>
          {sent ? (
            <FormField form="campaign" name="coupon_id" label="Coupon" hint="Fixed once the campaign has been sent." error={errors.coupon_id}>
              <Input id="campaign-coupon_id" value={campaign?.coupon ? `${campaign.coupon.code ?? "Serial codes"} · ${campaign.coupon.title}` : values.coupon_id} disabled />
            </FormField>
          ) : (
            <CouponPicker id="campaign-coupon_id" value={values.coupon_id} onChange={(v) => set("coupon_id", v)} current={campaign?.coupon} error={errors.coupon_id} />
          )}
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <FormField form="campaign" name="send_starts_at" label="Sending starts" error={errors.send_starts_at}>
              <DatePicker granularity="minute" shouldCloseOnSelect={false} value={values.send_starts_at} onChange={(d) => set("send_starts_at", d)} aria-label="Sending starts" />
            </FormField>
            <FormField form="campaign" name="send_ends_at" label="Sending ends" error={errors.send_ends_at}>
              <DatePicker granularity="minute" shouldCloseOnSelect={false} value={values.send_ends_at} onChange={(d) => set("send_ends_at", d)} aria-label="Sending ends" />
            </FormField>
          </div>
          <FormField form="campaign" name="expiry_mode" label="Coupon validity" error={errors.expiry_mode}>
            <RadioGroup value={values.expiry_mode} onValueChange={(v) => set("expiry_mode", v as Values["expiry_mode"])} className="grid grid-cols-1 gap-3 md:grid-cols-2">
              <RadioGroup.ChoiceBox value="from_sending" label="From sending" description="Valid N days after the page was sent." />
              <RadioGroup.ChoiceBox value="from_redemption" label="From redemption" description="Valid N days after the shopper redeems it." />
            </RadioGroup>
          </FormField>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <FormField form="campaign" name="expiry_days" label="Valid for (days)" error={errors.expiry_days}>
              <Input id="campaign-expiry_days" type="number" inputMode="numeric" value={values.expiry_days} onChange={(e) => set("expiry_days", e.target.value)} aria-invalid={Boolean(errors.expiry_days)} />
            </FormField>
            <FormField form="campaign" name="per_contact_limit" label="Redemptions per contact" error={errors.per_contact_limit}>
              <Input id="campaign-per_contact_limit" type="number" inputMode="numeric" value={values.per_contact_limit} onChange={(e) => set("per_contact_limit", e.target.value)} aria-invalid={Boolean(errors.per_contact_limit)} />
            </FormField>
          </div>
          <FormField form="campaign" name="instructions" label="Instructions" optional error={errors.instructions}>
            <Textarea id="campaign-instructions" rows={4} value={values.instructions} onChange={(e) => set("instructions", e.target.value)} />
          </FormField>
          <FormField form="campaign" name="image_url" label="Image URL" optional hint="http:// or https://" error={errors.image_url}>
            <Input id="campaign-image_url" value={values.image_url} onChange={(e) => set("image_url", e.target.value)} placeholder="https://…" aria-invalid={Boolean(errors.image_url)} />
          </FormField>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            <ColorField id="background_color" label="Background" value={values.background_color} onChange={(v) => set("background_color", v)} error={errors.background_color} />
            <ColorField id="button_color" label="Button" value={values.button_color} onChange={(v) => set("button_color", v)} error={errors.button_color} />
            <ColorField id="button_text_color" label="Button text" value={values.button_text_color} onChange={(v) => set("button_text_color", v)} error={errors.button_text_color} />
          </div>
          <FormField form="campaign" name="barcode_format" label="Code shown as" error={errors.barcode_format}>
            <Select value={values.barcode_format} onValueChange={(v) => set("barcode_format", v as CampaignBarcodeFormat)}>
              <Select.Trigger id="campaign-barcode_format">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="QR">QR code</Select.Item>
                <Select.Item value="CODE_39">Barcode (Code 39)</Select.Item>
                <Select.Item value="CODE_128">Barcode (Code 128)</Select.Item>
              </Select.Content>
            </Select>
          </FormField>
        </div>
        <div className="bg-ui-bg-subtle w-full border-t px-6 py-8 lg:sticky lg:top-0 lg:border-l lg:border-t-0">
          <CampaignPreview values={values} />
        </div>
      </div>
    </ModalForm>
  )
}

/** A colour as #rrggbb text, with the browser's colour picker beside it. */
const ColorField = ({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error?: string
}) => (
  <FormField form="campaign" name={id} label={label} error={error}>
    <div className="flex items-center gap-x-2">
      <input
        type="color"
        aria-label={`${label} colour picker`}
        value={/^#[0-9a-f]{6}$/i.test(value) ? value : "#000000"}
        onChange={(e) => onChange(e.target.value)}
        className="shadow-borders-base h-8 w-10 shrink-0 cursor-pointer rounded-md bg-transparent"
      />
      <Input id={`campaign-${id}`} size="small" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={Boolean(error)} />
    </div>
  </FormField>
)
