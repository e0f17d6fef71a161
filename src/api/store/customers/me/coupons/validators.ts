import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { WALLET_STATUSES } from "../../../../../modules/coupon/lib/wallet"
import { couponCodeSchema } from "../../../../admin/coupons/validators"

// Query strings arrive as text; Medusa's validator words the errors
// ("Value for field 'limit' too big, expected at most: '100'").
const whole = (min: number, max?: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
    max === undefined ? z.number().int().min(min) : z.number().int().min(min).max(max)
  )

export const WALLET_PAGE_MAX = 100

export const StoreGetWalletCouponsParams = createFindParams({ limit: 20, offset: 0 }).merge(
  z.object({
    status: z.enum(WALLET_STATUSES).optional(),
    limit: whole(1, WALLET_PAGE_MAX).optional().default(20),
    offset: whole(0).optional().default(0),
  })
)

export type StoreGetWalletCouponsParamsType = z.infer<typeof StoreGetWalletCouponsParams>

export const StoreClaimWalletCoupon = z.object({ code: couponCodeSchema }).strict()

export type StoreClaimWalletCouponType = z.infer<typeof StoreClaimWalletCoupon>
