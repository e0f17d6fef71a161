import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { CheckCircleSolid, XCircle } from "@medusajs/icons"
import { Container, Skeleton, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { ErrorState, SectionHeader } from "../components/states"
import { useProductCouponEligibility } from "../lib/queries"

/**
 * The product's kind and whether coupons can discount it — the server's
 * judgement (the line rules checkout uses), not the widget's own.
 */
const ProductCouponKindWidget = ({ data }: { data: { id: string } }) => {
  const eligibility = useProductCouponEligibility(data.id)

  if (eligibility.isLoading) {
    return (
      <Container className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-5 w-full" />
      </Container>
    )
  }
  if (eligibility.error || !eligibility.data) {
    return (
      <ErrorState
        title="Could not read the coupon rules for this product"
        error={eligibility.error}
        onRetry={() => eligibility.refetch()}
      />
    )
  }
  const { kind, eligible, message } = eligibility.data

  return (
    <Container className="divide-y p-0" data-testid="product-coupon-widget">
      <SectionHeader title="Coupons" />
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="grid grid-cols-2 gap-2">
          <Text size="small" weight="plus" className="text-ui-fg-subtle">
            Kind
          </Text>
          <Text size="small" data-testid="product-kind">
            {kind ?? "Not set"}
          </Text>
        </div>
        <div className="flex items-start gap-x-2" data-testid="product-coupon-eligibility">
          {eligible ? <CheckCircleSolid className="text-ui-tag-green-icon shrink-0" /> : <XCircle className="text-ui-fg-error shrink-0" />}
          <Text size="small">{message}</Text>
        </div>
        <Text size="xsmall" className="text-ui-fg-muted">
          The kind is metadata.product_kind, else the product type. Variants that need no shipping also count as virtual.{" "}
          <Link to="/settings/coupons" className="text-ui-fg-interactive hover:underline">
            Excluded kinds
          </Link>
        </Text>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.side",
})

export default ProductCouponKindWidget
