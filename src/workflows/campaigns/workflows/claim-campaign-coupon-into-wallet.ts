import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addToWalletWorkflow } from "../../wallet/workflows/add-to-wallet"
import type { AddToWalletInput } from "../../wallet/workflows/add-to-wallet"
import { handContactCodeToCustomerStep, linkCampaignRecipientCustomerStep } from "../steps/link-campaign-recipient-customer"
import { validateCampaignWalletClaimStep } from "../steps/validate-campaign-wallet-claim"

/**
 * A contact redeemed a campaign coupon without a store account and now comes
 * back signed in (POST /coupon-pages/:token/redeem with the customer's
 * session or token): the same code goes into their wallet (source
 * `campaign`, the validity it had on the page) and the customer is linked to
 * the recipient. Refused with nothing written when the link already belongs
 * to a customer or the customer is at the campaign's per-contact limit.
 */
export const claimCampaignCouponIntoWalletWorkflow = createWorkflow(
  "claim-coupon-campaign-coupon-into-wallet",
  (input: { recipient_id: string; customer_id: string }) => {
    const plan = validateCampaignWalletClaimStep(input)
    handContactCodeToCustomerStep(
      transform({ plan }, ({ plan }) => ({ recipient_id: plan.recipient_id, customer_id: plan.customer_id, code: plan.code }))
    )
    const entries = addToWalletWorkflow.runAsStep({
      input: transform({ plan }, ({ plan }): AddToWalletInput => ({
        coupon_id: plan.coupon_id,
        customer_ids: [plan.customer_id],
        source: "campaign",
        campaign_id: plan.campaign_id,
        code: plan.code,
        expires_from: plan.expires_from,
        validity_days: plan.validity_days,
      })),
    })
    const linked = linkCampaignRecipientCustomerStep(
      transform({ plan, entries }, ({ plan, entries }) => ({
        recipient_id: plan.recipient_id,
        customer_id: plan.customer_id,
        wallet_entry_id: entries[0].id as string,
      }))
    )
    return new WorkflowResponse(linked)
  }
)
