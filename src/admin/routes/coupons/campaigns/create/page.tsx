import { toast } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { CampaignForm } from "../../../../components/campaign-form"
import { RouteFocusModal } from "../../../../components/route-modal"
import { useCreateCampaign } from "../../../../lib/queries"

const CreateCampaignPage = () => {
  const navigate = useNavigate()
  const create = useCreateCampaign()
  return (
    <RouteFocusModal prev="/coupons/campaigns" title="Create campaign" description="A campaign that sends a coupon page within a sending period.">
      <CampaignForm
        isPending={create.isPending}
        submitLabel="Create"
        onSubmit={async (body) => {
          const campaign = await create.mutateAsync(body)
          toast.success(`Campaign ${campaign.name} created`)
          navigate(`/coupons/campaigns/${campaign.id}`, { replace: true })
        }}
      />
    </RouteFocusModal>
  )
}

export const handle = { breadcrumb: () => "Create" }

export default CreateCampaignPage
