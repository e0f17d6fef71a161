import CartModule from "@medusajs/medusa/cart"
import { defineLink } from "@medusajs/framework/utils"
import CouponModule from "../modules/coupon"

/**
 * A cart's coupon row, readable with the cart through Medusa's own routes
 * and Query: `GET /store/carts/:id?fields=+coupon_cart.*` shows the coupon
 * the cart carries and, once a cart change removed it, `status: "removed"`
 * and `removed_reason`. Read-only: `coupon_cart.cart_id` already holds the
 * cart's id, so no link table is needed.
 */
export default defineLink(
  { linkable: CartModule.linkable.cart, field: "id" },
  { ...CouponModule.linkable.couponCart.id, primaryKey: "cart_id" },
  { readOnly: true }
)
