import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { addToWalletWorkflow } from "../../wallet/workflows/add-to-wallet"
import type { AddToWalletInput } from "../../wallet/workflows/add-to-wallet"
import { markCampaignCouponRedeemedStep } from "../steps/mark-campaign-coupon-redeemed"
import { validateCampaignRedemptionStep } from "../steps/validate-campaign-redemption"

/**
 * The Redeem button of a coupon page (docs/rules.md §5): claims a code into the
 * recipient's wallet through addToWalletWorkflow (source `campaign`;
 * validity counted from the sending or from now, per the campaign's
 * expiry_mode, never past the coupon's end) and records the redemption on
 * the recipient. Any refusal leaves nothing written.
 */
export const redeemCampaignCouponWorkflow = createWorkflow("redeem-coupon-campaign-coupon", (input: { token: string }) => {
  const plan = validateCampaignRedemptionStep(input)
  const grant = transform({ plan }, ({ plan }): AddToWalletInput => ({
    coupon_id: plan.coupon_id,
    customer_ids: [plan.customer_id],
    source: "campaign",
    campaign_id: plan.campaign_id,
    expires_from: plan.expires_from,
    validity_days: plan.validity_days,
  }))
  const entries = addToWalletWorkflow.runAsStep({ input: grant })
  const redemption = markCampaignCouponRedeemedStep(
    transform({ plan, entries }, ({ plan, entries }) => ({
      recipient_id: plan.recipient_id,
      code: entries[0].code,
      wallet_entry_id: entries[0].id,
      redeemed_at: plan.redeemed_at,
    }))
  )
  emitEventStep({
    eventName: CouponEvents.CAMPAIGN_COUPON_REDEEMED,
    data: transform({ plan, entries }, ({ plan, entries }) => ({
      id: plan.recipient_id,
      campaign_id: plan.campaign_id,
      coupon_id: plan.coupon_id,
      customer_id: plan.customer_id,
      code: entries[0].code,
      wallet_entry_id: entries[0].id,
    })),
  }).config({ name: "emit-campaign-coupon-redeemed" })
  return new WorkflowResponse(redemption)
})
