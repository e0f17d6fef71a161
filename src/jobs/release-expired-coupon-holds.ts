import type { MedusaContainer } from "@medusajs/framework/types"
import { COUPON_MODULE } from "../modules/coupon"
import type CouponModuleService from "../modules/coupon/service"

/**
 * Completions release expired holds of the coupon they use; this sweep frees
 * the rest so `usage_count` in the admin stays true for idle coupons too.
 */
export default async function releaseExpiredCouponHolds(container: MedusaContainer) {
  const released = await container.resolve<CouponModuleService>(COUPON_MODULE).releaseExpiredHolds()
  if (released) {
    container.resolve("logger").info(`coupons: released ${released} expired payment hold(s)`)
  }
}

export const config = { name: "release-expired-coupon-holds", schedule: "*/5 * * * *" }
