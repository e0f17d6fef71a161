import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

export const AdminCreateBlocklistEntry = z
  .object({
    customer_id: z.string().trim().min(1, { message: "customer_id cannot be empty" }),
    reason: z
      .string()
      .trim()
      .min(1, { message: "reason cannot be empty: say why the customer is blocked" })
      .max(500, { message: "reason can be at most 500 characters" }),
  })
  .strict()

export type AdminCreateBlocklistEntryType = z.infer<typeof AdminCreateBlocklistEntry>

export const AdminGetBlocklistParams = createFindParams({ limit: 20, offset: 0 }).merge(
  z.object({ customer_id: z.string().optional() })
)
