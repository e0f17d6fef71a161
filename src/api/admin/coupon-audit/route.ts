import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listAuditEntries } from "./present"
import type { AdminGetAuditParamsType } from "./validators"

/**
 * The whole audit trail (docs/rules.md §7.4), newest first, optionally of
 * one kind of record (`resource_type`: coupon, campaign, settings,
 * blocklist) or one record (`resource_id`; a customer id for the
 * blocklist): what the coupon page's History cannot show, such as the
 * settings' and the blocklist's changes.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminGetAuditParamsType>, res: MedusaResponse) {
  const { resource_type, resource_id } = req.validatedQuery as AdminGetAuditParamsType
  const filter = {
    ...(resource_type ? { resource_type } : {}),
    ...(resource_id ? { resource_id } : {}),
  }
  res.json(await listAuditEntries(req.scope, filter, req.queryConfig.pagination as { skip: number; take: number }))
}
