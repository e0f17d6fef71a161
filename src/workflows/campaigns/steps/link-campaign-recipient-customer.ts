import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { refuse } from "../../../modules/coupon/errors"

/**
 * Hands a contact's serial code (coupon_code.campaign_recipient_id) to the
 * customer now claiming it, before the wallet grant, which then finds it
 * theirs. A shared code needs nothing. The compensation gives it back to the
 * contact.
 */
export const handContactCodeToCustomerStep = createStep(
  "hand-coupon-campaign-contact-code-to-customer",
  async (input: { recipient_id: string; customer_id: string; code: string }, { container }) => {
    const moved = await container.resolve<CouponModuleService>(COUPON_MODULE).handContactSerialCode(input)
    return new StepResponse(moved, moved ? input : null)
  },
  async (moved, { container }) => {
    if (!moved) return
    await container
      .resolve<CouponModuleService>(COUPON_MODULE)
      .handContactSerialCode({ ...moved, undo: true })
  }
)

/** Links the customer and their new wallet entry to the redeemed recipient; refused when another customer got there first. */
export const linkCampaignRecipientCustomerStep = createStep(
  "link-coupon-campaign-recipient-customer",
  async (input: { recipient_id: string; customer_id: string; wallet_entry_id: string }, { container }) => {
    const linked = await container.resolve<CouponModuleService>(COUPON_MODULE).linkCampaignRecipientCustomer(input)
    if (!linked) throw refuse("not_allowed", "This coupon is already in a wallet.")
    return new StepResponse(input, input.recipient_id)
  },
  async (recipientId, { container }) => {
    if (!recipientId) return
    await container.resolve<CouponModuleService>(COUPON_MODULE).unlinkCampaignRecipientCustomer(recipientId)
  }
)
