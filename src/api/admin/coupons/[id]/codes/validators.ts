import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { MAX_CODE_LENGTH } from "../../../../../modules/coupon/lib/code-generation"
import { couponCodeSchema } from "../../validators"

/** `coupon_code.max_uses` is a PostgreSQL integer. */
const MAX_FIXED_SERIAL_USES = 2_147_483_647

/**
 * `{ quantity, prefix?, length? }` generates one-time codes (the limits on
 * quantity and length are planSerialCodes's, with its messages);
 * `{ code, quantity }` creates a fixed serial usable `quantity` times.
 */
export const AdminCreateCouponCodes = z
  .object({
    quantity: z
      .number({ error: "quantity must be a whole number of at least 1" })
      .int({ message: "quantity must be a whole number of at least 1" })
      .min(1, { message: "quantity must be a whole number of at least 1" }),
    prefix: z
      .string({ error: "prefix must be text" })
      .max(MAX_CODE_LENGTH, { message: `prefix must be at most ${MAX_CODE_LENGTH} characters` })
      .optional(),
    length: z
      .number({ error: "length must be a whole number" })
      .int({ message: "length must be a whole number" })
      .optional(),
    code: couponCodeSchema.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.code === undefined) return
    if (body.prefix !== undefined || body.length !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "prefix and length apply to generated codes; a fixed serial takes only code and quantity",
      })
    }
    if (body.quantity > MAX_FIXED_SERIAL_USES) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `quantity of a fixed serial must be at most ${MAX_FIXED_SERIAL_USES.toLocaleString("en-US")}`,
      })
    }
  })

export type AdminCreateCouponCodesType = z.infer<typeof AdminCreateCouponCodes>

const toInteger = (value: unknown) => (typeof value === "string" && value !== "" ? Number(value) : value)

// Query errors are worded by Medusa's validateAndTransformQuery.
export const AdminGetCouponCodesParams = createFindParams({ limit: 20, offset: 0 }).merge(
  z.object({
    q: z.string().optional(),
    limit: z.preprocess(toInteger, z.number().int().min(1).max(1000).optional().default(20)),
  })
)

export type AdminGetCouponCodesParamsType = z.infer<typeof AdminGetCouponCodesParams>
