import type { MedusaContainer } from "@medusajs/framework/types"
import { COUPON_MODULE } from "../modules/coupon"
import type CouponModuleService from "../modules/coupon/service"

/**
 * Completions release expired holds of the coupon they use; this sweep frees
 * the rest so `usage_count` in the admin stays true for idle coupons too.
 * A held use whose cart became an order (its order.placed event was lost) is
 * marked redeemed by that order instead: only orderless holds are freed.
 */
export default async function releaseExpiredCouponHolds(container: MedusaContainer) {
  const { released, redeemed } = await container.resolve<CouponModuleService>(COUPON_MODULE).releaseExpiredHolds()
  if (released || redeemed) {
    container
      .resolve("logger")
      .info(`coupons: released ${released} expired payment hold(s); ${redeemed} held use(s) spent by their orders`)
  }
}

export const config = { name: "release-expired-coupon-holds", schedule: "*/5 * * * *" }
