import { toast } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { CouponForm } from "../../../components/coupon-form"
import { ModalFallback, RouteFocusModal } from "../../../components/route-modal"
import { ErrorState, SectionSkeleton } from "../../../components/states"
import { useCouponSettings, useCreateCoupon } from "../../../lib/queries"

const CreateCouponPage = () => {
  const navigate = useNavigate()
  const settings = useCouponSettings()
  const create = useCreateCoupon()
  return (
    <RouteFocusModal prev="/coupons" title="Create coupon" description="A new coupon: general fields, restrictions and usage limits.">
      {settings.isLoading ? (
        <ModalFallback>
          <SectionSkeleton rows={6} />
        </ModalFallback>
      ) : settings.error || !settings.data ? (
        <ModalFallback>
          <ErrorState title="Could not load the coupon settings" error={settings.error} onRetry={() => settings.refetch()} />
        </ModalFallback>
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
