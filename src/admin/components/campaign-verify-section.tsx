import { Button, Container, Hint, Input, Label } from "@medusajs/ui"
import { useState } from "react"
import { SectionHeader } from "./states"
import { errorMessage } from "../lib/format"
import { useVerifyCampaignCoupon } from "../lib/queries"

/** Point of sale: staff type (or scan) the code the shopper shows. */
export const CampaignVerifySection = () => {
  const [code, setCode] = useState("")
  const [customerId, setCustomerId] = useState("")
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const verify = useVerifyCampaignCoupon()
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setMessage(null)
    try {
      // "line:U4af…" names a chat contact; anything else is a customer ID.
      const who = customerId.trim()
      const contact = /^([a-z0-9_-]{1,32}):(.+)$/.exec(who)
      const r = await verify.mutateAsync({
        code: code.trim(),
        ...(contact ? { channel: contact[1], contact_id: contact[2] } : who ? { customer_id: who } : {}),
      })
      setMessage({ ok: true, text: `${r.code} verified.` })
      setCode("")
      setCustomerId("")
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err).replace(/^Invalid request:\s*/, "") })
    }
  }
  return (
    <Container className="divide-y p-0">
      <SectionHeader title="Verify at the point of sale" subtitle="The code shown on the shopper's coupon page." />
      <form onSubmit={submit} className="flex flex-col gap-y-3 px-6 py-4" noValidate>
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus" htmlFor="verify-code">
            Code
          </Label>
          <Input id="verify-code" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus" htmlFor="verify-customer">
            Customer ID or channel:contact <span className="text-ui-fg-muted font-normal">(only for a shared code)</span>
          </Label>
          <Input id="verify-customer" value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
        </div>
        {message && (
          <Hint variant={message.ok ? "info" : "error"} role={message.ok ? "status" : "alert"}>
            {message.text}
          </Hint>
        )}
        <div className="flex justify-end">
          <Button size="small" variant="secondary" type="submit" isLoading={verify.isPending}>
            Verify
          </Button>
        </div>
      </form>
    </Container>
  )
}
