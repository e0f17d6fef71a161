import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { RecipientRedemption } from "../../../modules/coupon/campaign-queries"

/**
 * Records the redemption on the recipient (status `redeemed`, code, wallet
 * entry, time), re-checking under a row lock that it is not redeemed yet and
 * the contact is still under the per-contact limit; a refusal here undoes
 * the wallet grant. The compensation puts the recipient back to opened
 * (or sent).
 */
export const markCampaignCouponRedeemedStep = createStep(
  "mark-coupon-campaign-coupon-redeemed",
  async (input: RecipientRedemption, { container }) => {
    await container.resolve<CouponModuleService>(COUPON_MODULE).markCampaignRecipientRedeemed(input)
    return new StepResponse(input, input.recipient_id)
  },
  async (recipientId, { container }) => {
    if (!recipientId) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).unmarkCampaignRecipientRedeemed(recipientId)
  }
)
