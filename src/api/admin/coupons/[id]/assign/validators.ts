import { z } from "@medusajs/framework/zod"

export const MAX_ASSIGN_CUSTOMERS = 1000

export const AdminAssignCoupon = z
  .object({
    customer_ids: z
      .array(z.string().trim().min(1, { message: "customer_ids cannot contain empty ids" }), {
        message: "customer_ids must be a list of customer ids",
      })
      .min(1, { message: "customer_ids must list at least one customer" })
      .max(MAX_ASSIGN_CUSTOMERS, { message: `customer_ids can list at most ${MAX_ASSIGN_CUSTOMERS} customers per request` }),
  })
  .strict()

export type AdminAssignCouponType = z.infer<typeof AdminAssignCoupon>
