import { toast } from "@medusajs/ui"
import { useNavigate, useParams } from "react-router-dom"
import { CampaignForm } from "../../../../../components/campaign-form"
import { ModalFallback, RouteFocusModal } from "../../../../../components/route-modal"
import { ErrorState, SectionSkeleton } from "../../../../../components/states"
import { useCampaign, useUpdateCampaign } from "../../../../../lib/queries"

const EditCampaignPage = () => {
  const { campaign_id: id } = useParams()
  const navigate = useNavigate()
  const campaign = useCampaign(id!)
  const update = useUpdateCampaign(id!)
  return (
    <RouteFocusModal prev={`/coupons/campaigns/${id}`} title="Edit campaign" description="Change the campaign and its coupon page.">
      {campaign.isLoading ? (
        <ModalFallback>
          <SectionSkeleton rows={6} />
        </ModalFallback>
      ) : campaign.error || !campaign.data ? (
        <ModalFallback>
          <ErrorState title="Could not load the campaign" error={campaign.error} onRetry={() => campaign.refetch()} />
        </ModalFallback>
      ) : (
        <CampaignForm
          campaign={campaign.data}
          isPending={update.isPending}
          submitLabel="Save"
          onSubmit={async (body) => {
            const saved = await update.mutateAsync(body)
            toast.success(`Campaign ${saved.name} saved`)
            navigate(`/coupons/campaigns/${saved.id}`, { replace: true })
          }}
        />
      )}
    </RouteFocusModal>
  )
}

export const handle = { breadcrumb: () => "Edit" }

export default EditCampaignPage
