import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../../../../modules/coupon"
import type CouponModuleService from "../../../../../../modules/coupon/service"
import { normalizeCode } from "../../../../../../modules/coupon/lib/code-generation"
import type { AdminExportCouponCodesParamsType } from "./validators"

/**
 * The coupon's serial codes as a CSV download (docs/rules.md §7.4): columns
 * code, state, uses, max_uses, customer_id, batch_id, created_at (ISO, UTC),
 * ordered by code, filtered by `state`, `batch_id` and `q`. Streamed from
 * PostgreSQL in constant memory.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  const coupon = await couponService.retrieveCoupon(req.params.id, { select: ["id", "code"] })
  const { state, batch_id, q } = req.validatedQuery as AdminExportCouponCodesParamsType
  const name = `${(coupon.code ?? coupon.id).replace(/[^A-Za-z0-9_-]/g, "_")}-codes${state ? `-${state}` : ""}.csv`
  res.status(200)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`)
  res.setHeader("Cache-Control", "no-store")
  try {
    await couponService.exportCodesCsv({ coupon_id: coupon.id, state, batch_id, q: q ? normalizeCode(q) : undefined }, res)
  } catch (error) {
    // Once rows are sent the status cannot change: cut the download short instead.
    if (res.headersSent) {
      req.scope.resolve("logger").warn(`coupons: code export of ${coupon.id} stopped: ${(error as Error).message}`)
      res.destroy()
      return
    }
    throw error
  }
}
