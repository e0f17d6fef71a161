import { z } from "@medusajs/framework/zod"
import { couponCodeSchema } from "../../../../../admin/coupons/validators"

// Without a code the preview is of the logged-in customer's best wallet coupon.
export const StoreCouponPreview = z.object({ code: couponCodeSchema.optional() }).strict()

export type StoreCouponPreviewType = z.infer<typeof StoreCouponPreview>
