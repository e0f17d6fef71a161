import { z } from "@medusajs/framework/zod"
import { CODE_STATES } from "../../../../../../modules/coupon/code-export-queries"

/** Filters of the CSV export: the Codes tab's search (`q`, codes starting with it), a state, a batch. */
export const AdminExportCouponCodesParams = z
  .object({
    state: z.enum(CODE_STATES, { error: `state must be one of ${CODE_STATES.join(", ")}` }).optional(),
    batch_id: z.string().min(1).max(100).optional(),
    q: z.string().max(100).optional(),
  })
  .strict()

export type AdminExportCouponCodesParamsType = z.infer<typeof AdminExportCouponCodesParams>
