import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type CouponModuleService from "../../../../../modules/coupon/service"

/**
 * The coupon's history (docs/rules.md §7.4), newest first: its own changes and
 * those of its campaigns, each with who made it (`actor`: the admin user,
 * null for scripts and deleted users), the action, the changed fields
 * (before → after) and when. `{ entries, count, limit, offset }`. A deleted
 * coupon keeps its history.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  const [coupon] = await couponService.listCoupons({ id: req.params.id }, { select: ["id"], withDeleted: true })
  if (!coupon) {
    await couponService.retrieveCoupon(req.params.id, { select: ["id"] }) // the 404 Medusa words itself
  }
  const { skip, take } = req.queryConfig.pagination
  const [entries, count] = await couponService.listAndCountCouponAuditEntries(
    { coupon_id: req.params.id },
    { skip, take, order: { created_at: "DESC", id: "DESC" } }
  )
  const actorIds = Array.from(new Set<string>(entries.map((e) => e.actor_id as string | null).filter((id): id is string => !!id)))
  const users = actorIds.length
    ? await req.scope.resolve(Modules.USER).listUsers({ id: actorIds }, { select: ["id", "email", "first_name", "last_name"] })
    : []
  const userById = new Map(users.map((u) => [u.id, u]))
  res.json({
    entries: entries.map((e) => ({
      id: e.id,
      resource_type: e.resource_type,
      resource_id: e.resource_id,
      action: e.action,
      actor_id: e.actor_id,
      actor: e.actor_id ? userById.get(e.actor_id) ?? null : null,
      changes: e.changes,
      created_at: e.created_at,
    })),
    count,
    limit: take,
    offset: skip,
  })
}
