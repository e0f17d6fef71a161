import type { MedusaContainer } from "@medusajs/framework/types"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { contactCodeExpiry, couponOfferText } from "../../../modules/coupon/lib/campaign"
import { barcodeDataUrl } from "./barcode"
import type { CouponPageView } from "./page"

export type CouponPageRecipient = { id: string; status: string; opened_at: Date | null }

/**
 * What a coupon page shows for a token, or null for a link that does not
 * exist (never sent, or its campaign or coupon deleted).
 */
export async function loadCouponPage(
  container: MedusaContainer,
  token: string
): Promise<{ recipient: CouponPageRecipient; view: CouponPageView } | null> {
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  const [recipient] = await couponService.listCouponCampaignRecipients({ token }, { relations: ["campaign"], take: 1 })
  const campaign = recipient?.campaign
  if (!campaign) return null
  const [coupon] = await couponService.listCoupons(
    { id: campaign.coupon_id },
    { select: ["id", "title", "type", "amount", "percentage", "max_discount", "min_spend", "currency_code", "ends_at"] }
  )
  if (!coupon) return null

  let redeemed: CouponPageView["redeemed"] = null
  if ((recipient.status === "redeemed" || recipient.status === "verified") && recipient.code) {
    const [entry] = recipient.wallet_entry_id
      ? await couponService.listCouponWalletEntries({ id: recipient.wallet_entry_id }, { select: ["expires_at"] })
      : []
    // The earlier of the entry's own expiry and the coupon's end, as the wallet shows it; a
    // contact without a wallet gets the expiry the wallet entry would have had.
    const own = recipient.wallet_entry_id
      ? entry?.expires_at
      : contactCodeExpiry({ sent_at: recipient.sent_at, redeemed_at: recipient.redeemed_at! }, campaign, coupon.ends_at)
    const ends = [own, coupon.ends_at].filter(Boolean).map((d) => new Date(d as Date))
    redeemed = {
      code: recipient.code,
      barcode_data_url: await barcodeDataUrl(campaign.barcode_format, recipient.code),
      expires_at: ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null,
      verified_at: recipient.verified_at,
    }
  }
  return {
    recipient: { id: recipient.id, status: recipient.status, opened_at: recipient.opened_at },
    view: {
      token,
      campaign: {
        name: campaign.name,
        instructions: campaign.instructions,
        image_url: campaign.image_url,
        background_color: campaign.background_color,
        button_color: campaign.button_color,
        button_text_color: campaign.button_text_color,
      },
      coupon_title: coupon.title,
      offer: couponOfferText(coupon as any),
      redeemed,
    },
  }
}
