import { Tabs, Text } from "@medusajs/ui"
import { useState } from "react"
import type { CampaignBarcodeFormat } from "../lib/types"

export type CampaignPreviewValues = {
  name: string
  instructions: string
  image_url: string
  background_color: string
  button_color: string
  button_text_color: string
  barcode_format: CampaignBarcodeFormat
}

const SAMPLE_CODE = "PREVIEW-7K3Q"

// A fixed pseudo-random pattern, so the preview does not flicker on each key press.
const bits = (count: number, seed = 7) => {
  const out: boolean[] = []
  let x = seed
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    out.push((x >> 16) % 2 === 1)
  }
  return out
}

/** A stand-in for the real barcode (drawn by the server when a coupon is redeemed). */
const BarcodePlaceholder = ({ format }: { format: CampaignBarcodeFormat }) => {
  if (format === "QR") {
    const size = 21
    const cells = bits(size * size)
    const finder = (r: number, c: number) =>
      [
        [0, 0],
        [0, size - 7],
        [size - 7, 0],
      ].some(([fr, fc]) => r >= fr && r < fr + 7 && c >= fc && c < fc + 7)
    return (
      <svg viewBox={`0 0 ${size} ${size}`} width={132} height={132} aria-label="QR code preview" shapeRendering="crispEdges">
        <rect width={size} height={size} fill="#fff" />
        {cells.map((on, i) => {
          const r = Math.floor(i / size)
          const c = i % size
          if (finder(r, c)) {
            const fr = r < 7 ? 0 : size - 7
            const fc = c < 7 ? 0 : size - 7
            const dr = r - fr
            const dc = c - fc
            const ring = dr === 0 || dr === 6 || dc === 0 || dc === 6 || (dr >= 2 && dr <= 4 && dc >= 2 && dc <= 4)
            return ring ? <rect key={i} x={c} y={r} width={1} height={1} fill="#111827" /> : null
          }
          return on ? <rect key={i} x={c} y={r} width={1} height={1} fill="#111827" /> : null
        })}
      </svg>
    )
  }
  const bars = bits(format === "CODE_39" ? 60 : 80, format === "CODE_39" ? 3 : 11)
  return (
    <svg viewBox={`0 0 ${bars.length} 30`} width={220} height={64} aria-label={`${format.replace("_", " ")} barcode preview`} preserveAspectRatio="none">
      <rect width={bars.length} height={30} fill="#fff" />
      {bars.map((on, i) => (on ? <rect key={i} x={i} y={0} width={format === "CODE_39" ? 1 : 0.8} height={30} fill="#111827" /> : null))}
    </svg>
  )
}

/**
 * The hosted coupon page as a shopper will see it (same layout and colours
 * as src/api/coupon-pages/[token]/page.ts), before and after "Redeem".
 */
export const CampaignPreview = ({
  values,
  couponTitle,
  offer,
}: {
  values: CampaignPreviewValues
  couponTitle: string
  offer: string
}) => {
  const [state, setState] = useState("before")
  const background = /^#[0-9a-f]{6}$/i.test(values.background_color) ? values.background_color : "#f3f4f6"
  const button = /^#[0-9a-f]{6}$/i.test(values.button_color) ? values.button_color : "#111827"
  const buttonText = /^#[0-9a-f]{6}$/i.test(values.button_text_color) ? values.button_text_color : "#ffffff"
  const image = /^https?:\/\//.test(values.image_url) ? values.image_url : null

  return (
    <div className="flex flex-col gap-y-3" data-testid="campaign-preview">
      <div className="flex items-center justify-between">
        <Text size="small" weight="plus">
          Live preview
        </Text>
        <Tabs value={state} onValueChange={setState}>
          <Tabs.List>
            <Tabs.Trigger value="before">Before redeeming</Tabs.Trigger>
            <Tabs.Trigger value="after">After</Tabs.Trigger>
          </Tabs.List>
        </Tabs>
      </div>
      <div className="overflow-hidden rounded-xl border" style={{ background, fontFamily: "system-ui, sans-serif", color: "#111827" }}>
        <div className="mx-auto max-w-[420px] px-4 py-6">
          <div className="rounded-xl bg-white p-5 text-center" style={{ boxShadow: "0 1px 4px rgba(0,0,0,.12)" }}>
            {image && <img src={image} alt="" className="w-full rounded-lg" referrerPolicy="no-referrer" />}
            <h1 style={{ fontSize: "1.4rem", margin: "12px 0 4px", fontWeight: 700 }}>{values.name || "Campaign name"}</h1>
            <p style={{ fontSize: "1.2rem", fontWeight: 600, margin: "4px 0 12px" }}>{offer}</p>
            <p style={{ fontSize: ".9rem", color: "#4b5563" }}>{couponTitle}</p>
            {values.instructions && (
              <div style={{ textAlign: "left", whiteSpace: "pre-line", fontSize: ".95rem", color: "#374151", marginTop: 8 }}>{values.instructions}</div>
            )}
            {state === "before" ? (
              <button
                type="button"
                tabIndex={-1}
                aria-hidden="true"
                style={{ width: "100%", border: 0, borderRadius: 8, padding: 14, fontSize: "1.05rem", fontWeight: 600, background: button, color: buttonText, marginTop: 16 }}
              >
                Redeem
              </button>
            ) : (
              <div className="mt-4 flex flex-col items-center gap-y-2">
                <BarcodePlaceholder format={values.barcode_format} />
                <p style={{ fontFamily: "ui-monospace, monospace", fontSize: "1.3rem", letterSpacing: ".08em" }}>{SAMPLE_CODE}</p>
                <p style={{ fontSize: ".9rem", color: "#4b5563" }}>Valid until …</p>
              </div>
            )}
          </div>
        </div>
      </div>
    </div>
  )
}
