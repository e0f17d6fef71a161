import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import { Coupon } from "./models/coupon"
import { CouponBlocklistEntry } from "./models/coupon-blocklist-entry"
import { CouponCode } from "./models/coupon-code"
import { CouponCodeBatch } from "./models/coupon-code-batch"
import { CouponRedemption } from "./models/coupon-redemption"
import { CouponSettings } from "./models/coupon-settings"
import { CouponWalletEntry } from "./models/coupon-wallet-entry"
import { CouponPluginOptions, parseCouponPluginOptions } from "./options"
import { DEFAULT_EXCLUDED_PRODUCT_KINDS } from "./lib/eligibility"

export const DEFAULT_ALLOWED_ORDER_TYPES = ["ordinary", "dropshipping"]

export type CouponSettingsValues = {
  id: string
  enabled: boolean
  plan: "basic" | "advanced"
  expiring_soon_days: number
  payment_hold_minutes: number
  excluded_product_kinds: string[]
  allowed_order_types: string[]
  restore_usage_on_cancel: boolean
}

class CouponModuleService extends MedusaService({
  Coupon,
  CouponCode,
  CouponCodeBatch,
  CouponSettings,
  CouponBlocklistEntry,
  CouponRedemption,
  CouponWalletEntry,
}) {
  readonly options: CouponPluginOptions

  constructor(container: Record<string, unknown>, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parseCouponPluginOptions(options)
  }

  /**
   * The store-wide settings. The single row is created with the defaults the
   * first time anything asks, so a fresh install behaves per rules.md.
   */
  @InjectManager()
  async getSettings(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CouponSettingsValues> {
    const [existing] = await this.listCouponSettings(
      {},
      { take: 1, order: { created_at: "ASC" } },
      sharedContext
    )
    if (existing) {
      return existing as unknown as CouponSettingsValues
    }
    const created = await this.createCouponSettings(
      {
        excluded_product_kinds: [...DEFAULT_EXCLUDED_PRODUCT_KINDS],
        allowed_order_types: [...DEFAULT_ALLOWED_ORDER_TYPES],
      },
      sharedContext
    )
    return created as unknown as CouponSettingsValues
  }
}

export default CouponModuleService
