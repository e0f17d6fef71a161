import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { decideWhatToGive } from "../../wallet/steps/validate-wallet-grant"
import type { CampaignRedemptionPlan } from "./validate-campaign-redemption"

/**
 * The code a contact without a store account redeems: what a wallet grant
 * would give (a free one-time serial code, else the coupon's shared code or
 * fixed serial), without a wallet. A serial code is reserved for the
 * contact's link (coupon_code.campaign_recipient_id), so no other contact is
 * given it. The compensation gives a reserved code back.
 */
export const reserveContactCodeStep = createStep(
  "reserve-coupon-campaign-contact-code",
  async (plan: CampaignRedemptionPlan, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const coupon = await couponService.retrieveCoupon(plan.coupon_id, { select: ["id", "code", "title"] })
    const label = coupon.code ?? coupon.title
    const give = await decideWhatToGive(
      couponService,
      coupon,
      label,
      {},
      [plan.recipient_id]
    )
    if (give.kind !== "serial_pool") {
      return new StepResponse({ code: give.code, coupon_code_id: give.coupon_code_id }, null)
    }
    const reserved = await couponService.reserveFreeSerialCodeForContact({
      coupon_id: coupon.id,
      coupon_label: label,
      campaign_recipient_id: plan.recipient_id,
    })
    return new StepResponse({ code: reserved.code, coupon_code_id: reserved.id as string | null }, reserved)
  },
  async (reserved, { container }) => {
    if (!reserved) return
    await container
      .resolve<CouponModuleService>(COUPON_MODULE)
      .releaseSerialCodes([{ id: reserved.id, campaign_recipient_id: reserved.campaign_recipient_id }])
  }
)
