import { Badge, Container, Copy, Heading, Switch, Tabs, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams, type UIMatch } from "react-router-dom"
import { CodesSection } from "../../../components/codes-section"
import { CouponHistorySection } from "../../../components/coupon-history-section"
import { CouponReachRows } from "../../../components/coupon-reach-rows"
import { CouponStatusBadge } from "../../../components/coupon-status-badge"
import { EditDeleteMenu } from "../../../components/edit-delete-menu"
import { RedemptionChart } from "../../../components/redemption-chart"
import { RedemptionsSection } from "../../../components/redemptions-section"
import { ErrorState, SectionRow, SectionSkeleton } from "../../../components/states"
import { TwoColumnLayout } from "../../../components/two-column-layout"
import {
  errorMessage,
  formatDate,
  formatDiscount,
  formatMoney,
  formatNumber,
  formatUsage,
  formatValidity,
} from "../../../lib/format"
import {
  useCategoriesByIds,
  useCoupon,
  useCouponStats,
  useDeleteCoupon,
  useProductsByIds,
  useUpdateCoupon,
} from "../../../lib/queries"
import type { Coupon } from "../../../lib/types"

const CouponDetailPage = () => {
  const { id } = useParams()
  const coupon = useCoupon(id!)
  const stats = useCouponStats(id!)
  const [tab, setTab] = useState("codes")

  if (coupon.isLoading) {
    return (
      <div className="flex flex-col gap-y-3">
        <SectionSkeleton rows={6} />
        <SectionSkeleton rows={3} />
      </div>
    )
  }
  if (coupon.error || !coupon.data) {
    return <ErrorState title="Could not load the coupon" error={coupon.error} onRetry={() => coupon.refetch()} />
  }
  const c = coupon.data

  return (
    <TwoColumnLayout
      main={
        <>
          <SummarySection coupon={c} />
          <RedemptionChart stats={stats.data} isLoading={stats.isLoading} error={stats.error} onRetry={() => stats.refetch()} />
          <Tabs value={tab} onValueChange={setTab}>
            <Tabs.List className="mb-3">
              <Tabs.Trigger value="codes">Codes</Tabs.Trigger>
              <Tabs.Trigger value="redemptions">Redemptions</Tabs.Trigger>
              <Tabs.Trigger value="history">History</Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="codes">
              <CodesSection couponId={c.id} />
            </Tabs.Content>
            <Tabs.Content value="redemptions">
              <RedemptionsSection couponId={c.id} />
            </Tabs.Content>
            <Tabs.Content value="history">
              <CouponHistorySection couponId={c.id} />
            </Tabs.Content>
          </Tabs>
        </>
      }
      sidebar={
        <>
          <RulesSection coupon={c} />
          <ScopeSection coupon={c} />
        </>
      }
    />
  )
}

const SummarySection = ({ coupon }: { coupon: Coupon }) => {
  const update = useUpdateCoupon(coupon.id)
  const remove = useDeleteCoupon(coupon.id)

  const toggleActive = async (active: boolean) => {
    try {
      await update.mutateAsync({ is_active: active })
      toast.success(active ? "Coupon activated" : "Coupon paused")
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="coupon-summary">
      <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <div className="flex items-center gap-x-2">
            <Heading>{coupon.code ?? "Serial codes only"}</Heading>
            {coupon.code && <Copy content={coupon.code} aria-label="Copy the code" />}
            <CouponStatusBadge status={coupon.status} />
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {coupon.title}
          </Text>
        </div>
        <div className="flex items-center gap-x-3">
          <div className="flex items-center gap-x-2">
            <Switch
              id="coupon-active-switch"
              checked={coupon.is_active}
              disabled={update.isPending}
              onCheckedChange={toggleActive}
              aria-label={coupon.is_active ? "Pause the coupon" : "Activate the coupon"}
            />
            <Text size="small" asChild>
              <label htmlFor="coupon-active-switch">{coupon.is_active ? "Active" : "Paused"}</label>
            </Text>
          </div>
          <EditDeleteMenu
            label="Coupon actions"
            editTo={`/coupons/${coupon.id}/edit`}
            confirmTitle={`Delete coupon ${coupon.code ?? coupon.title}?`}
            confirmDescription="Shoppers can no longer use it and its codes become free for other coupons. Past orders keep their discount."
            remove={remove}
            deletedMessage="Coupon deleted"
            afterDeleteTo="/coupons"
          />
        </div>
      </div>
      <SectionRow label="Discount" value={formatDiscount(coupon)} />
      <SectionRow label="Minimum spend" value={coupon.min_spend ? formatMoney(coupon.min_spend, coupon.currency_code) : "None"} />
      <SectionRow
        label="Currency"
        value={
          coupon.amounts?.length
            ? coupon.amounts.map((a) => a.currency_code.toUpperCase()).join(", ")
            : coupon.currency_code
              ? coupon.currency_code.toUpperCase()
              : "Any"
        }
      />
      <SectionRow label="Validity" value={formatValidity(coupon)} />
      <SectionRow label="Usage" value={formatUsage(coupon)} />
      <SectionRow label="Description" value={coupon.description || "-"} />
      <SectionRow label="Created" value={formatDate(coupon.created_at, true)} />
    </Container>
  )
}

const yesNo = (v: boolean) => (v ? "Yes" : "No")

const RulesSection = ({ coupon }: { coupon: Coupon }) => (
  <Container className="divide-y p-0">
    <div className="px-6 py-4">
      <Heading level="h2">Rules</Heading>
    </div>
    <SectionRow label="Uses per customer" value={coupon.usage_limit_per_customer ? formatNumber(coupon.usage_limit_per_customer) : "Unlimited"} />
    <SectionRow label="First order only" value={yesNo(coupon.first_order_only)} />
    <SectionRow label="Exclude sale items" value={yesNo(coupon.exclude_sale_items)} />
    <SectionRow label="Renewal orders" value={coupon.renewal_applicable ? "Available" : "Not available"} />
    <SectionRow label="Split" value={coupon.allocation === "even" ? "Evenly over the lines" : "In proportion to line totals"} />
    <SectionRow label="Wallet validity" value={coupon.validity_days ? `${coupon.validity_days} days` : "Until the coupon ends"} />
    <CouponReachRows coupon={coupon} Row={SectionRow} formatMoney={formatMoney} />
  </Container>
)

const ScopeSection = ({ coupon }: { coupon: Coupon }) => {
  const products = useProductsByIds(coupon.product_ids)
  const categories = useCategoriesByIds(coupon.category_ids)
  const everything = coupon.product_ids.length === 0 && coupon.category_ids.length === 0
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Applies to</Heading>
      </div>
      {everything ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Every product (except excluded product kinds).
        </Text>
      ) : (
        <div className="flex flex-col gap-y-3 px-6 py-4">
          {coupon.product_ids.length > 0 && (
            <div className="flex flex-wrap gap-2" aria-label="Products">
              {coupon.product_ids.map((pid) => (
                <Badge key={pid} size="small" asChild>
                  <Link to={`/products/${pid}`}>{products.data?.find((p) => p.id === pid)?.title ?? pid}</Link>
                </Badge>
              ))}
            </div>
          )}
          {coupon.category_ids.length > 0 && (
            <div className="flex flex-wrap gap-2" aria-label="Categories">
              {coupon.category_ids.map((cid) => (
                <Badge key={cid} size="small" color="blue" asChild>
                  <Link to={`/categories/${cid}`}>
                    {categories.data?.find((c) => c.id === cid)?.name ?? cid} and sub-categories
                  </Link>
                </Badge>
              ))}
            </div>
          )}
        </div>
      )}
    </Container>
  )
}

export const handle = {
  breadcrumb: (match: UIMatch) => <CouponBreadcrumb id={(match.params as { id?: string }).id!} />,
}

const CouponBreadcrumb = ({ id }: { id: string }) => {
  const { data } = useCoupon(id)
  return <span>{data ? data.code ?? data.title : "Coupon"}</span>
}

export default CouponDetailPage
