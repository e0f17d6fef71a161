import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"

/** A campaign's fields an admin sets (models/coupon-campaign.ts). */
export const CAMPAIGN_AUDIT_FIELDS = [
  "name", "instructions", "coupon_id", "send_starts_at", "send_ends_at", "expiry_mode", "expiry_days",
  "per_contact_limit", "image_url", "background_color", "button_color", "button_text_color", "barcode_format",
]

/** The settings an admin sets. */
export const SETTINGS_AUDIT_FIELDS = [
  "enabled", "plan", "expiring_soon_days", "payment_hold_minutes", "excluded_product_kinds",
  "allowed_order_types", "restore_usage_on_cancel",
]

/**
 * The record as it is before a change, for the audit trail's "before":
 * the settings, a campaign by id, or a customer's blocklist entry by
 * customer id; null when there is none. Read-only: nothing to undo.
 */
export const readAuditSnapshotStep = createStep(
  "read-coupon-audit-snapshot",
  async (input: { resource_type: "settings" | "campaign" | "blocklist"; id?: string }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    if (input.resource_type === "settings") {
      return new StepResponse((await couponService.getSettings()) as Record<string, unknown>)
    }
    if (input.resource_type === "campaign") {
      const [campaign] = await couponService.listCouponCampaigns(
        { id: input.id },
        { select: ["id", ...CAMPAIGN_AUDIT_FIELDS] as any }
      )
      return new StepResponse((campaign ?? null) as Record<string, unknown> | null)
    }
    const [entry] = await couponService.listCouponBlocklistEntries({ customer_id: input.id })
    return new StepResponse((entry ?? null) as Record<string, unknown> | null)
  }
)
