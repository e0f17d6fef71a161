import { z } from "@medusajs/framework/zod"

const slug = (field: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_-]{1,50}$/, {
      message: `${field} entries must be 1-50 letters, digits, '-' or '_'`,
    })

export const AdminUpdateCouponSettings = z
  .object({
    enabled: z.boolean(),
    plan: z.enum(["basic", "advanced"], { message: "plan must be 'basic' or 'advanced'" }),
    expiring_soon_days: z
      .number()
      .int({ message: "expiring_soon_days must be a whole number" })
      .min(0, { message: "expiring_soon_days cannot be negative" })
      .max(365, { message: "expiring_soon_days can be at most 365" }),
    payment_hold_minutes: z
      .number()
      .int({ message: "payment_hold_minutes must be a whole number" })
      .min(0, { message: "payment_hold_minutes cannot be negative" })
      .max(1440, { message: "payment_hold_minutes can be at most 1440 (one day)" }),
    excluded_product_kinds: z.array(slug("excluded_product_kinds")).max(50),
    allowed_order_types: z.array(slug("allowed_order_types")).max(50),
    restore_usage_on_cancel: z.boolean(),
  })
  .partial()
  .strict()

export type AdminUpdateCouponSettingsType = z.infer<typeof AdminUpdateCouponSettings>
