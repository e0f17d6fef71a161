import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Before Medusa's completion (POST /store/carts/:id/complete): a cart whose
 * coupon is used up is refused at once, with the refusal its claim would
 * give (usage_limit_reached, or coupon_held while the last uses are held;
 * docs/rules.md §4). In a flash sale the shoppers who come after the last
 * use then learn it in one read, instead of after Medusa has read and
 * checked the cart, run the claim and undone the steps before it — work
 * that slowed every other checkout of the rush. Any other cart goes on to
 * Medusa's completion, where the claim decides under the coupon's lock.
 */
export async function refuseUsedUpCoupon(req: MedusaRequest<unknown, { id: string }>, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const refusal = await req.scope.resolve<CouponModuleService>(COUPON_MODULE).usedUpCouponRefusal(req.params.id)
    next(refusal ?? undefined)
  } catch (error) {
    next(error)
  }
}
