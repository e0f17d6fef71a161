import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * A page of audit entries (docs/rules.md §7.4), newest first, each with who
 * made it (`actor`: the admin user, null for scripts and deleted users), the
 * action, the changed fields (before → after) and when:
 * `{ entries, count, limit, offset }`. Both audit routes answer this.
 */
export async function listAuditEntries(
  scope: MedusaContainer,
  filter: { coupon_id?: string; resource_type?: string; resource_id?: string },
  { skip, take }: { skip: number; take: number }
) {
  const couponService = scope.resolve<CouponModuleService>(COUPON_MODULE)
  const [entries, count] = await couponService.listAndCountCouponAuditEntries(filter as any, {
    skip,
    take,
    order: { created_at: "DESC", id: "DESC" },
  })
  const actorIds = Array.from(new Set<string>(entries.map((e) => e.actor_id as string | null).filter((id): id is string => !!id)))
  const users = actorIds.length
    ? await scope.resolve(Modules.USER).listUsers({ id: actorIds }, { select: ["id", "email", "first_name", "last_name"] })
    : []
  const userById = new Map(users.map((u) => [u.id, u]))
  return {
    entries: entries.map((e) => ({
      id: e.id,
      resource_type: e.resource_type,
      resource_id: e.resource_id,
      coupon_id: e.coupon_id,
      action: e.action,
      actor_id: e.actor_id,
      actor: e.actor_id ? userById.get(e.actor_id) ?? null : null,
      changes: e.changes,
      created_at: e.created_at,
    })),
    count,
    limit: take,
    offset: skip,
  }
}
