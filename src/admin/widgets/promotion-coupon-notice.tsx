import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { InformationCircleSolid } from "@medusajs/icons"
import { Container, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"

/** Coupons and Medusa promotions never discount the same cart; say so where promotions are managed. */
const PromotionCouponNotice = () => (
  <Container className="flex items-center gap-x-3 px-6 py-3" data-testid="promotion-coupon-notice">
    <InformationCircleSolid className="text-ui-fg-interactive shrink-0" />
    <Text size="small" className="text-ui-fg-subtle">
      Coupons and promotions do not stack: while a coupon is on a cart, promotions stand aside.{" "}
      <Link to="/coupons" className="text-ui-fg-interactive hover:underline">
        Manage coupons
      </Link>
    </Text>
  </Container>
)

export const config = defineWidgetConfig({
  zone: "promotion.list",
})

export default PromotionCouponNotice
