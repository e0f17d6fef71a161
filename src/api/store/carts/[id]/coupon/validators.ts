import { z } from "@medusajs/framework/zod"
import { couponCodeSchema } from "../../../../admin/coupons/validators"

// Without a code the plugin picks the logged-in customer's best wallet coupon.
export const StoreApplyCoupon = z
  .object({ code: couponCodeSchema.optional() })
  .strict()

export type StoreApplyCouponType = z.infer<typeof StoreApplyCoupon>
