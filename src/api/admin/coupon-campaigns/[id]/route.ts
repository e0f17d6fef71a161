import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteCampaignWorkflow } from "../../../../workflows/campaigns/workflows/delete-campaign"
import { updateCampaignWorkflow } from "../../../../workflows/campaigns/workflows/update-campaign"
import { retrieveCampaign } from "../present"
import type { AdminUpdateCampaignType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ coupon_campaign: await retrieveCampaign(req.scope, req.params.id) })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateCampaignType>, res: MedusaResponse) {
  await retrieveCampaign(req.scope, req.params.id)
  await updateCampaignWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody, actor_id: req.auth_context.actor_id } })
  res.json({ coupon_campaign: await retrieveCampaign(req.scope, req.params.id) })
}

/** Soft delete; its coupon page links stop working, coupons already redeemed stay in their wallets. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await retrieveCampaign(req.scope, req.params.id)
  await deleteCampaignWorkflow(req.scope).run({ input: { id: req.params.id, actor_id: req.auth_context.actor_id } })
  res.json({ id: req.params.id, object: "coupon_campaign", deleted: true })
}
