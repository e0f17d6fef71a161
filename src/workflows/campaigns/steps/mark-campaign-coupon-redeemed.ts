import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import type { RecipientRedemption } from "../../../modules/coupon/campaign-recipient-queries"

/**
 * Records the redemption on the recipient (status `redeemed`, code, wallet
 * entry, customer, time), re-checking under a row lock that it is not
 * redeemed yet and the contact is still under the per-contact limit; a
 * refusal here undoes the wallet grant or the reserved code. The
 * compensation puts the recipient back to opened (or sent), with its
 * customer as it was.
 */
export const markCampaignCouponRedeemedStep = createStep(
  "mark-coupon-campaign-coupon-redeemed",
  async (input: { redemption: RecipientRedemption; previous_customer_id: string | null }, { container }) => {
    await container.resolve<CouponModuleService>(COUPON_MODULE).markCampaignRecipientRedeemed(input.redemption)
    return new StepResponse(input.redemption, {
      recipient_id: input.redemption.recipient_id,
      customer_id: input.previous_customer_id,
    })
  },
  async (undo, { container }) => {
    if (!undo) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).unmarkCampaignRecipientRedeemed(undo)
  }
)
