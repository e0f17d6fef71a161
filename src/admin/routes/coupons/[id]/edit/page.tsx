import { toast } from "@medusajs/ui"
import { useNavigate, useParams } from "react-router-dom"
import { CouponForm } from "../../../../components/coupon-form"
import { ModalFallback, RouteFocusModal } from "../../../../components/route-modal"
import { ErrorState, SectionSkeleton } from "../../../../components/states"
import { useCoupon, useCouponSettings, useUpdateCoupon } from "../../../../lib/queries"

const EditCouponPage = () => {
  const { id } = useParams()
  const navigate = useNavigate()
  const settings = useCouponSettings()
  const coupon = useCoupon(id!)
  const update = useUpdateCoupon(id!)
  const error = settings.error ?? coupon.error
  return (
    <RouteFocusModal prev={`/coupons/${id}`} title="Edit coupon" description="Change the coupon: general fields, restrictions and usage limits.">
      {settings.isLoading || coupon.isLoading ? (
        <ModalFallback>
          <SectionSkeleton rows={6} />
        </ModalFallback>
      ) : error || !settings.data || !coupon.data ? (
        <ModalFallback>
          <ErrorState
            title="Could not load the coupon"
            error={error}
            onRetry={() => {
              settings.refetch()
              coupon.refetch()
            }}
          />
        </ModalFallback>
      ) : (
        <CouponForm
          coupon={coupon.data}
          plan={settings.data.plan}
          isPending={update.isPending}
          submitLabel="Save"
          onSubmit={async (body) => {
            const saved = await update.mutateAsync(body)
            toast.success(`Coupon ${saved.code ?? saved.title} saved`)
            navigate(`/coupons/${saved.id}`, { replace: true })
          }}
        />
      )}
    </RouteFocusModal>
  )
}

export const handle = { breadcrumb: () => "Edit" }

export default EditCouponPage
