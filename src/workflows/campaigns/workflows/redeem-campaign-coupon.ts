import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { addToWalletWorkflow } from "../../wallet/workflows/add-to-wallet"
import type { AddToWalletInput } from "../../wallet/workflows/add-to-wallet"
import { markCampaignCouponRedeemedStep } from "../steps/mark-campaign-coupon-redeemed"
import { reserveContactCodeStep } from "../steps/reserve-contact-code"
import { validateCampaignRedemptionStep } from "../steps/validate-campaign-redemption"

/**
 * The Redeem button of a coupon page (docs/rules.md §5). For a recipient with
 * a customer (its own, or the customer signed in on the page, `customer_id`,
 * who is then linked to it) the code goes into that customer's wallet
 * through addToWalletWorkflow (source `campaign`; validity counted from the
 * sending or from now, per the campaign's expiry_mode, never past the
 * coupon's end). A contact without a store account gets the code only on the
 * page (reserveContactCodeStep). Either way the redemption is recorded on the
 * recipient. Any refusal leaves nothing written.
 */
export const redeemCampaignCouponWorkflow = createWorkflow(
  "redeem-coupon-campaign-coupon",
  (input: { token: string; customer_id?: string | null }) => {
    const plan = validateCampaignRedemptionStep(input)
    const intoWallet = when("redeem-campaign-coupon-into-wallet", { plan }, ({ plan }) => !!plan.customer_id).then(() => {
      const grant = transform({ plan }, ({ plan }): AddToWalletInput => ({
        coupon_id: plan.coupon_id,
        customer_ids: [plan.customer_id!],
        source: "campaign",
        campaign_id: plan.campaign_id,
        expires_from: plan.expires_from,
        validity_days: plan.validity_days,
      }))
      return addToWalletWorkflow.runAsStep({ input: grant })
    })
    const withoutAccount = when("redeem-campaign-coupon-without-account", { plan }, ({ plan }) => !plan.customer_id).then(
      () => reserveContactCodeStep(plan)
    )
    const claimed = transform({ intoWallet, withoutAccount }, ({ intoWallet, withoutAccount }) =>
      intoWallet?.length
        ? { code: intoWallet[0].code as string, wallet_entry_id: intoWallet[0].id as string | null }
        : { code: withoutAccount!.code, wallet_entry_id: null as string | null }
    )
    const redemption = markCampaignCouponRedeemedStep(
      transform({ plan, claimed }, ({ plan, claimed }) => ({
        redemption: {
          recipient_id: plan.recipient_id,
          code: claimed.code,
          wallet_entry_id: claimed.wallet_entry_id,
          customer_id: plan.customer_id,
          redeemed_at: plan.redeemed_at,
        },
        previous_customer_id: plan.previous_customer_id,
      }))
    )
    emitEventStep({
      eventName: CouponEvents.CAMPAIGN_COUPON_REDEEMED,
      data: transform({ plan, claimed }, ({ plan, claimed }) => ({
        id: plan.recipient_id,
        campaign_id: plan.campaign_id,
        coupon_id: plan.coupon_id,
        channel: plan.channel,
        contact_id: plan.contact_id,
        customer_id: plan.customer_id,
        code: claimed.code,
        wallet_entry_id: claimed.wallet_entry_id,
      })),
    }).config({ name: "emit-campaign-coupon-redeemed" })
    return new WorkflowResponse(redemption)
  }
)
