import { StatusBadge } from "@medusajs/ui"
import type { Campaign } from "../lib/types"

/** Where the campaign is in its sending period: only a "sending" campaign can be sent. */
export function campaignPhase(c: Pick<Campaign, "send_starts_at" | "send_ends_at">, now = new Date()) {
  if (now < new Date(c.send_starts_at)) return "upcoming" as const
  if (now >= new Date(c.send_ends_at)) return "ended" as const
  return "sending" as const
}

const PHASES = {
  upcoming: { label: "Upcoming", color: "blue" },
  sending: { label: "Sending", color: "green" },
  ended: { label: "Ended", color: "grey" },
} as const

export const CampaignPhaseBadge = ({ campaign }: { campaign: Pick<Campaign, "send_starts_at" | "send_ends_at"> }) => {
  const { label, color } = PHASES[campaignPhase(campaign)]
  return <StatusBadge color={color}>{label}</StatusBadge>
}
