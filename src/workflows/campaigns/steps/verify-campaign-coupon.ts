import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { normalizeCode } from "../../../modules/coupon/lib/code-generation"
import { findCouponByCode } from "../../carts/load-coupon-cart"

export type VerifyCampaignCouponInput = {
  code: string
  customer_id?: string | null
  channel?: string | null
  contact_id?: string | null
}

/**
 * Marks the recipient holding a redeemed code `verified` (staff confirmed it
 * at the point of sale). 404 for a code that does not exist; 400 for a code
 * no campaign recipient has redeemed yet, or one already verified. The
 * compensation puts it back to redeemed.
 */
export const verifyCampaignCouponStep = createStep(
  "verify-coupon-campaign-coupon",
  async (input: VerifyCampaignCouponInput, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const code = normalizeCode(input.code)
    const recipientId = await couponService.verifyCampaignRecipient({
      code,
      customer_id: input.customer_id,
      channel: input.channel,
      contact_id: input.contact_id,
      verified_at: new Date(),
    })
    if (!recipientId) {
      const { coupon } = await findCouponByCode(couponService, code)
      if (!coupon) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Coupon code ${code} does not exist.`)
      }
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        input.customer_id
          ? `Coupon code ${code} has not been redeemed from a campaign by customer ${input.customer_id} yet.`
          : input.channel || input.contact_id
            ? `Coupon code ${code} has not been redeemed from a campaign by contact ${[input.channel, input.contact_id].filter(Boolean).join(":")} yet.`
            : `Coupon code ${code} has not been redeemed from a campaign yet.`
      )
    }
    return new StepResponse(recipientId, recipientId)
  },
  async (recipientId, { container }) => {
    if (!recipientId) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).unverifyCampaignRecipient(recipientId)
  }
)
