import { toast } from "@medusajs/ui"
import { useNavigate, useParams } from "react-router-dom"
import { CouponForm } from "../../../../components/coupon-form"
import { RouteFocusModal } from "../../../../components/route-modal"
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
    <RouteFocusModal prev={`/coupons/${id}`}>
      {settings.isLoading || coupon.isLoading ? (
        <div className="p-6">
          <SectionSkeleton rows={6} />
        </div>
      ) : error || !settings.data || !coupon.data ? (
        <div className="p-6">
          <ErrorState
            title="Could not load the coupon"
            error={error}
            onRetry={() => {
              settings.refetch()
              coupon.refetch()
            }}
          />
        </div>
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
