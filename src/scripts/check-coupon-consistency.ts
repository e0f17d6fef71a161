import type { ExecArgs } from "@medusajs/framework/types"
import { COUPON_MODULE } from "../modules/coupon"
import type CouponModuleService from "../modules/coupon/service"

/**
 * `npx medusa exec ./src/scripts/check-coupon-consistency.ts`: prints the
 * consistency report (GET /admin/coupon-consistency) as JSON and exits 1
 * when there is drift. Changes nothing.
 */
export default async function checkCouponConsistency({ container }: ExecArgs) {
  const report = await container.resolve<CouponModuleService>(COUPON_MODULE).checkConsistency()
  console.log(JSON.stringify(report, null, 2))
  if (!report.ok) process.exitCode = 1
}
