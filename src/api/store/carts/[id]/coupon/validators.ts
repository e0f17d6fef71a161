import { z } from "@medusajs/framework/zod"
import { couponCodeSchema } from "../../../../admin/coupons/validators"

export const StoreApplyCoupon = z
  .object({ code: couponCodeSchema })
  .strict()

export type StoreApplyCouponType = z.infer<typeof StoreApplyCoupon>
