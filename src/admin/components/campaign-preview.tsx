import { Tabs, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useCampaignPagePreview } from "../lib/queries"
import type { CampaignBarcodeFormat } from "../lib/types"

export type CampaignPreviewValues = {
  name: string
  instructions: string
  image_url: string
  background_color: string
  button_color: string
  button_text_color: string
  barcode_format: CampaignBarcodeFormat
  coupon_id: string
}

/** The value once it has not changed for `ms`: one preview per pause in typing, not per key. */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [JSON.stringify(value), ms])
  return settled
}

/**
 * The hosted coupon page as a shopper will see it, before and after
 * "Redeem": rendered by the server from the form's values (the page's own
 * renderer and a real barcode of a sample code), shown in a sandboxed frame.
 */
export const CampaignPreview = ({ values }: { values: CampaignPreviewValues }) => {
  const [state, setState] = useState("before")
  const settled = useSettled({
    name: values.name,
    instructions: values.instructions,
    image_url: values.image_url,
    background_color: values.background_color,
    button_color: values.button_color,
    button_text_color: values.button_text_color,
    barcode_format: values.barcode_format,
    coupon_id: values.coupon_id || undefined,
    redeemed: state === "after",
  })
  const preview = useCampaignPagePreview(settled)

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
      {preview.error ? (
        <Text size="small" className="text-ui-fg-error">
          Could not render the preview: {(preview.error as Error).message}
        </Text>
      ) : (
        <iframe
          title="Coupon page preview"
          data-testid="campaign-preview-frame"
          // No scripts, no form posts: the page is only looked at.
          sandbox=""
          srcDoc={preview.data ?? ""}
          className="h-[600px] w-full rounded-xl border bg-white"
        />
      )}
    </div>
  )
}
