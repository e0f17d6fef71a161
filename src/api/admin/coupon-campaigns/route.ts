import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCampaignWorkflow } from "../../../workflows/campaigns/workflows/create-campaign"
import { retrieveCampaign, withFunnels } from "./present"
import type { AdminCreateCampaignType, AdminGetCampaignsParamsType } from "./validators"

/** Campaigns, newest first unless `order` says otherwise, each with its funnel counts. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminGetCampaignsParamsType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { q } = req.validatedQuery
  const pagination = req.queryConfig.pagination
  const { data: campaigns, metadata } = await query.graph({
    entity: "coupon_campaign",
    fields: req.queryConfig.fields,
    filters: q ? { name: { $ilike: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } } : {},
    pagination: { ...pagination, order: pagination.order ?? { created_at: "DESC" } },
  })
  res.json({
    coupon_campaigns: await withFunnels(req.scope, campaigns),
    count: metadata!.count,
    limit: metadata!.take,
    offset: metadata!.skip,
  })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminCreateCampaignType>, res: MedusaResponse) {
  const { result } = await createCampaignWorkflow(req.scope).run({ input: { ...req.validatedBody, actor_id: req.auth_context.actor_id } })
  res.json({ coupon_campaign: await retrieveCampaign(req.scope, result.id) })
}
