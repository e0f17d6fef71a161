import { toast } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { CouponForm } from "../../../components/coupon-form"
import { RouteFocusModal } from "../../../components/route-modal"
import { ErrorState, SectionSkeleton } from "../../../components/states"
import { useCouponSettings, useCreateCoupon } from "../../../lib/queries"

const CreateCouponPage = () => {
  const navigate = useNavigate()
  const settings = useCouponSettings()
  const create = useCreateCoupon()
  return (
    <RouteFocusModal prev="/coupons">
      {settings.isLoading ? (
        <div className="p-6">
          <SectionSkeleton rows={6} />
        </div>
      ) : settings.error || !settings.data ? (
        <div className="p-6">
          <ErrorState title="Could not load the coupon settings" error={settings.error} onRetry={() => settings.refetch()} />
        </div>
      ) : (
        <CouponForm
          plan={settings.data.plan}
          isPending={create.isPending}
          submitLabel="Create"
          onSubmit={async (body) => {
            const coupon = await create.mutateAsync(body)
            toast.success(`Coupon ${coupon.code ?? coupon.title} created`)
            navigate(`/coupons/${coupon.id}`, { replace: true })
          }}
        />
      )}
    </RouteFocusModal>
  )
}

export const handle = { breadcrumb: () => "Create" }

export default CreateCouponPage
