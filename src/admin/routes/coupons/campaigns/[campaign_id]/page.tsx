/*
 * The campaign page: summary, send (customers: campaign-send-drawer.tsx; contacts:
 * campaign-contacts-drawer.tsx), funnel, records and point-of-sale verify, each section
 * reading the one campaign query.
 */
import { Container, Heading } from "@medusajs/ui"
import { Link, useParams, type UIMatch } from "react-router-dom"
import { CampaignContactsDrawer } from "../../../../components/campaign-contacts-drawer"
import { CampaignFunnel } from "../../../../components/campaign-funnel"
import { campaignPhase, CampaignPhaseBadge } from "../../../../components/campaign-status"
import { EditDeleteMenu } from "../../../../components/edit-delete-menu"
import { ErrorState, SectionHeader, SectionRow, SectionSkeleton } from "../../../../components/states"
import { TwoColumnLayout } from "../../../../components/two-column-layout"
import { formatDate, formatNumber } from "../../../../lib/format"
import { useCampaign, useDeleteCampaign } from "../../../../lib/queries"
import type { Campaign } from "../../../../lib/types"
import { CampaignSendDrawer } from "../../../../components/campaign-send-drawer"
import { CampaignRecordsSection, ChannelFunnels } from "../../../../components/campaign-records-section"
import { CampaignVerifySection } from "../../../../components/campaign-verify-section"

const CampaignDetailPage = () => {
  const { campaign_id: id } = useParams()
  const campaign = useCampaign(id!)
  if (campaign.isLoading) {
    return (
      <div className="flex flex-col gap-y-3">
        <SectionSkeleton rows={6} />
        <SectionSkeleton rows={2} title={false} />
      </div>
    )
  }
  if (campaign.error || !campaign.data) {
    return <ErrorState title="Could not load the campaign" error={campaign.error} onRetry={() => campaign.refetch()} />
  }
  const c = campaign.data
  return (
    <TwoColumnLayout
      main={
        <>
          <SummarySection campaign={c} />
          <CampaignFunnel funnel={c.funnel} />
          <ChannelFunnels campaign={c} />
          <CampaignRecordsSection campaign={c} />
        </>
      }
      sidebar={
        <>
          <CampaignVerifySection />
          <PageLookSection campaign={c} />
        </>
      }
    />
  )
}

const SummarySection = ({ campaign }: { campaign: Campaign }) => {
  const remove = useDeleteCampaign(campaign.id)
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading>{campaign.name}</Heading>
          <CampaignPhaseBadge campaign={campaign} />
        </div>
        <div className="flex items-center gap-x-2">
          <CampaignSendDrawer campaign={campaign} />
          <CampaignContactsDrawer campaign={campaign} disabled={campaignPhase(campaign) !== "sending"} />
          <EditDeleteMenu
            label="Campaign actions"
            editTo={`/coupons/campaigns/${campaign.id}/edit`}
            confirmTitle={`Delete campaign ${campaign.name}?`}
            confirmDescription="Its coupon page links stop working. Coupons already redeemed stay in the customers' wallets."
            remove={remove}
            deletedMessage="Campaign deleted"
            afterDeleteTo="/coupons/campaigns"
          />
        </div>
      </div>
      <SectionRow
        label="Coupon"
        value={
          campaign.coupon ? (
            <Link to={`/coupons/${campaign.coupon.id}`} className="text-ui-fg-interactive hover:underline">
              {campaign.coupon.code ?? "Serial codes"} · {campaign.coupon.title}
            </Link>
          ) : (
            "-"
          )
        }
      />
      <SectionRow label="Sending period" value={`${formatDate(campaign.send_starts_at, true)} – ${formatDate(campaign.send_ends_at, true)}`} />
      <SectionRow
        label="Coupon validity"
        value={`${campaign.expiry_days} days from ${campaign.expiry_mode === "from_sending" ? "sending" : "redemption"}`}
      />
      <SectionRow label="Redemptions per contact" value={formatNumber(campaign.per_contact_limit)} />
      <SectionRow label="Instructions" value={campaign.instructions || "-"} />
    </Container>
  )
}

const PageLookSection = ({ campaign }: { campaign: Campaign }) => (
  <Container className="divide-y p-0">
    <SectionHeader title="Coupon page" />
    <SectionRow label="Code shown as" value={campaign.barcode_format === "QR" ? "QR code" : campaign.barcode_format.replace("_", " ")} />
    {(["background_color", "button_color", "button_text_color"] as const).map((key) => (
      <SectionRow
        key={key}
        label={{ background_color: "Background", button_color: "Button", button_text_color: "Button text" }[key]}
        value={
          <span className="flex items-center gap-x-2">
            <span className="shadow-borders-base inline-block size-4 rounded" style={{ background: campaign[key] }} />
            {campaign[key]}
          </span>
        }
      />
    ))}
    <SectionRow label="Image" value={campaign.image_url ? <a className="text-ui-fg-interactive hover:underline" href={campaign.image_url} target="_blank" rel="noreferrer">Open</a> : "None"} />
  </Container>
)

export const handle = {
  breadcrumb: (match: UIMatch) => <CampaignBreadcrumb id={(match.params as { campaign_id?: string }).campaign_id!} />,
}

const CampaignBreadcrumb = ({ id }: { id: string }) => {
  const { data } = useCampaign(id)
  return <span>{data?.name ?? "Campaign"}</span>
}

export default CampaignDetailPage
