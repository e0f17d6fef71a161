import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { refuse } from "../../../modules/coupon/errors"
import type CouponModuleService from "../../../modules/coupon/service"
import { campaignPeriodError } from "../../../modules/coupon/lib/campaign"

export type CampaignValues = {
  name: string
  instructions?: string | null
  coupon_id: string
  send_starts_at: Date | string
  send_ends_at: Date | string
  expiry_mode?: "from_sending" | "from_redemption"
  expiry_days: number
  per_contact_limit?: number
  image_url?: string | null
  background_color?: string
  button_color?: string
  button_text_color?: string
  barcode_format?: "QR" | "CODE_39" | "CODE_128"
}

/**
 * Rules that relate a campaign's fields to each other and to the database,
 * judged on the campaign as it would be stored (for an update: the stored
 * campaign with the change merged in): the sending period ends after it
 * starts, the coupon exists, and a campaign already sent keeps its coupon
 * (its links would otherwise start handing out a different one).
 */
export const validateCampaignDefinitionStep = createStep(
  "validate-campaign-definition",
  async (input: { id?: string; values: Partial<CampaignValues> }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    let values = input.values
    if (input.id) {
      const stored = await couponService.retrieveCouponCampaign(input.id, {
        select: ["id", "coupon_id", "send_starts_at", "send_ends_at"],
      })
      values = { ...stored, ...input.values }
      if (input.values.coupon_id && input.values.coupon_id !== stored.coupon_id) {
        const [, sent] = await couponService.listAndCountCouponCampaignRecipients(
          { campaign_id: input.id },
          { select: ["id"], take: 1 }
        )
        if (sent) {
          throw refuse(
            "not_allowed",
            `coupon_id cannot change once the campaign has been sent (${sent} coupon${sent === 1 ? "" : "s"} sent): create a new campaign for another coupon.`,
            { field: "coupon_id" }
          )
        }
      }
    }
    const periodError = campaignPeriodError(values as CampaignValues)
    if (periodError) {
      throw refuse("invalid_data", periodError, { field: "send_ends_at" })
    }
    if (!input.id || input.values.coupon_id) {
      const [coupon] = await couponService.listCoupons({ id: values.coupon_id }, { select: ["id"] })
      if (!coupon) {
        throw refuse("not_found", `Coupon with id ${values.coupon_id} was not found.`, { field: "coupon_id" })
      }
    }
    return new StepResponse(void 0)
  }
)
