import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { SerialReservation } from "../../../modules/coupon/wallet-queries"
import type { WalletGrantPlan } from "./validate-wallet-grant"

export type WalletCodeAssignment = { customer_id: string; code: string; coupon_code_id: string | null }

/**
 * Picks the code each customer receives. Serial codes are reserved for their
 * holder (coupon_code.customer_id), which checkout enforces: only the holder
 * may use them. The compensation gives back the codes this step reserved.
 */
export const reserveWalletCodesStep = createStep(
  "reserve-wallet-codes",
  async (plan: WalletGrantPlan, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const { give } = plan
    if (give.kind === "shared") {
      const assignments: WalletCodeAssignment[] = plan.customer_ids.map((customer_id) => ({
        customer_id,
        code: give.code,
        coupon_code_id: give.coupon_code_id,
      }))
      return new StepResponse(assignments, [] as { id: string; customer_id: string }[])
    }
    const reservations: SerialReservation[] =
      give.kind === "serial_pool"
        ? await couponService.reserveFreeSerialCodes({
            coupon_id: plan.coupon_id,
            coupon_label: plan.coupon_label,
            customer_ids: plan.customer_ids,
          })
        : [await couponService.reserveSerialCode({ coupon_code_id: give.coupon_code_id, customer_id: plan.customer_ids[0] })]
    const byCustomer = new Map(reservations.map((r) => [r.customer_id, r]))
    const assignments: WalletCodeAssignment[] = plan.customer_ids.map((customer_id) => {
      const r = byCustomer.get(customer_id)!
      return { customer_id, code: r.code, coupon_code_id: r.id }
    })
    const reserved = reservations.filter((r) => r.newly_reserved).map((r) => ({ id: r.id, customer_id: r.customer_id }))
    return new StepResponse(assignments, reserved)
  },
  async (reserved, { container }) => {
    if (!reserved?.length) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).releaseSerialCodes(reserved)
  }
)
