import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { CheckCircleSolid, XCircle } from "@medusajs/icons"
import { Container, Skeleton, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { productKindOf } from "../../modules/coupon/lib/eligibility"
import { ErrorState, SectionHeader } from "../components/states"
import { useCouponSettings, useProductKind } from "../lib/queries"

/** The product's kind (as the coupon rules read it) and whether coupons can discount it. */
const ProductCouponKindWidget = ({ data }: { data: { id: string } }) => {
  const product = useProductKind(data.id)
  const settings = useCouponSettings()

  if (product.isLoading || settings.isLoading) {
    return (
      <Container className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-5 w-full" />
      </Container>
    )
  }
  if (product.error || settings.error || !product.data || !settings.data) {
    return (
      <ErrorState
        title="Could not read the coupon rules for this product"
        error={product.error ?? settings.error}
        onRetry={() => {
          product.refetch()
          settings.refetch()
        }}
      />
    )
  }

  const p = product.data
  const kind = productKindOf({ product_metadata: p.metadata, product_type: p.type?.value ?? null })
  const excluded = kind !== null && settings.data.excluded_product_kinds.includes(kind)
  const reason = !settings.data.enabled
    ? "Coupons are switched off for the store."
    : p.is_giftcard
      ? "Gift cards are never discounted by coupons."
      : !p.discountable
        ? "The product is not discountable."
        : excluded
          ? `Products of kind “${kind}” are excluded in the coupon settings.`
          : null

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
          {reason ? <XCircle className="text-ui-fg-error shrink-0" /> : <CheckCircleSolid className="text-ui-tag-green-icon shrink-0" />}
          <Text size="small">
            {reason ?? "Coupons apply to this product (within each coupon's own products and categories)."}
          </Text>
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
