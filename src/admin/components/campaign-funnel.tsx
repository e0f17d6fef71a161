import { Container, Text } from "@medusajs/ui"
import { formatNumber } from "../lib/format"
import type { CampaignFunnel as Funnel, CampaignStep } from "../lib/types"

const STEPS: { step: CampaignStep; label: string; hint: string }[] = [
  { step: "sent", label: "Sent", hint: "Coupon pages sent" },
  { step: "opened", label: "Opened", hint: "Pages viewed" },
  { step: "redeemed", label: "Redeemed", hint: "Coupons redeemed on their page (into a wallet, or shown to a contact without an account)" },
  { step: "verified", label: "Verified", hint: "Confirmed at the point of sale" },
]

/** Sent → Opened → Redeemed → Verified, each with its share of the step before. */
export const CampaignFunnel = ({ funnel }: { funnel: Funnel }) => {
  const max = Math.max(1, funnel.sent)
  return (
    <Container className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4" data-testid="campaign-funnel" aria-label="Campaign funnel">
      {STEPS.map(({ step, label, hint }, i) => {
        const value = funnel[step]
        const previous = i === 0 ? null : funnel[STEPS[i - 1].step]
        const rate = previous ? Math.round((value / previous) * 100) : null
        return (
          <div key={step} className="flex flex-col gap-y-2" data-testid={`funnel-${step}`}>
            <Text size="small" className="text-ui-fg-subtle">
              {label}
            </Text>
            <Text size="xlarge" weight="plus">
              {formatNumber(value)}
            </Text>
            <div className="bg-ui-bg-component shadow-borders-base h-2 overflow-hidden rounded-full" aria-hidden="true">
              <div className="bg-ui-fg-interactive h-full rounded-full" style={{ width: `${Math.round((value / max) * 100)}%` }} />
            </div>
            <Text size="xsmall" className="text-ui-fg-muted">
              {hint}
              {rate !== null ? ` · ${rate}% of ${STEPS[i - 1].label.toLowerCase()}` : ""}
            </Text>
          </div>
        )
      })}
    </Container>
  )
}
