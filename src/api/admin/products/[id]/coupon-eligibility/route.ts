import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import { refuse } from "../../../../../modules/coupon/errors"
import { IneligibilityReason, lineIneligibilityReason, productKindOf, productKindsOf } from "../../../../../modules/coupon/lib/eligibility"
import type CouponModuleService from "../../../../../modules/coupon/service"

/** Why a product's lines may or may not be discounted, in the admin's words. */
function reasonText(reason: IneligibilityReason | "coupons_disabled" | null, kind: string | null): string {
  if (reason === null) return "Coupons apply to this product (within each coupon's own products and categories)."
  if (reason === "coupons_disabled") return "Coupons are switched off for the store."
  if (reason === "gift_card") return "Gift cards are never discounted by coupons."
  if (reason === "not_discountable") return "The product is not discountable."
  if (reason.startsWith("excluded_kind:")) {
    const excluded = reason.slice("excluded_kind:".length)
    return excluded === "virtual" && kind !== "virtual"
      ? "The product needs no shipping, so it counts as virtual, and virtual products are excluded in the coupon settings."
      : `Products of kind “${excluded}” are excluded in the coupon settings.`
  }
  return "Not eligible."
}

/**
 * GET /admin/products/:id/coupon-eligibility — the server's judgement of a
 * product by the line rules of docs/rules.md §2 (the same function checkout
 * uses), for the product page widget: its kind, and whether and why coupons
 * may discount it. Scope (a coupon's own products and categories) and sale
 * prices depend on the coupon and the price list, so they are not judged here.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [settings, { data }] = await Promise.all([
    req.scope.resolve<CouponModuleService>(COUPON_MODULE).getSettings(),
    query.graph({
      entity: "product",
      fields: ["id", "discountable", "is_giftcard", "metadata", "type.value", "shipping_profile.id"],
      filters: { id: req.params.id },
    }),
  ])
  const product: any = data[0]
  if (!product) throw refuse("not_found", `Product ${req.params.id} was not found.`)
  const line = {
    id: product.id,
    product_id: product.id,
    product_category_ids: [],
    is_discountable: product.discountable,
    is_giftcard: product.is_giftcard,
    is_sale: false,
    product_metadata: product.metadata ?? null,
    product_type: product.type?.value ?? null,
    // Medusa marks a line as needing shipping when its product has a shipping profile.
    requires_shipping: !!product.shipping_profile?.id,
  }
  const kind = productKindOf(line)
  const reason = settings.enabled
    ? lineIneligibilityReason(line, {
        product_ids: [],
        scoped_category_ids: null,
        exclude_sale_items: false,
        excluded_kinds: settings.excluded_product_kinds,
      })
    : "coupons_disabled"
  res.json({
    eligibility: {
      product_id: product.id,
      kind,
      kinds: productKindsOf(line),
      requires_shipping: line.requires_shipping,
      eligible: reason === null,
      reason: reason,
      message: reasonText(reason, kind),
    },
  })
}
