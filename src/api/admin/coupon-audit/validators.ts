import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

export const AUDIT_RESOURCE_TYPES = ["coupon", "campaign", "settings", "blocklist"] as const

export const AdminGetAuditParams = createFindParams({ limit: 20, offset: 0 }).merge(
  z.object({
    resource_type: z
      .enum(AUDIT_RESOURCE_TYPES, { message: `resource_type must be one of ${AUDIT_RESOURCE_TYPES.join(", ")}` })
      .optional(),
    // A coupon, campaign or settings id, or a customer id for the blocklist.
    resource_id: z.string().trim().min(1, { message: "resource_id cannot be empty" }).max(200).optional(),
  })
)

export type AdminGetAuditParamsType = z.infer<typeof AdminGetAuditParams>
