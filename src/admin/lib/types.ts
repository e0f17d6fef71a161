/** Shapes of the plugin's admin API responses (money in major units). */

export type CouponStatus = "active" | "scheduled" | "expired" | "disabled"

export type CouponType = "fixed" | "percentage"

export type Coupon = {
  id: string
  code: string | null
  title: string
  description: string | null
  type: CouponType
  amount: number | null
  percentage: number | null
  max_discount: number | null
  currency_code: string | null
  min_spend: number | null
  starts_at: string | null
  ends_at: string | null
  is_active: boolean
  first_order_only: boolean
  exclude_sale_items: boolean
  product_ids: string[]
  category_ids: string[]
  usage_limit: number | null
  usage_limit_per_customer: number | null
  usage_count: number
  renewal_applicable: boolean
  allocation: "even" | "proportional"
  validity_days: number | null
  // docs/rules.md §7.2
  target: "items" | "shipping"
  max_shipping_amount: number | null
  country_codes: string[]
  customer_group_ids: string[]
  min_quantity: number | null
  amounts: CurrencyTerms[] | null
  sales_channel_ids: string[]
  region_ids: string[]
  metadata: Record<string, unknown> | null
  status: CouponStatus
  created_at: string
  updated_at: string
}

/** One currency's terms of a several-currency coupon, in that currency's major units. */
export type CurrencyTerms = {
  currency_code: string
  amount?: number | null
  min_spend?: number | null
  max_discount?: number | null
}

export type ListResponse = { count: number; limit: number; offset: number }

export type CouponListResponse = ListResponse & { coupons: Coupon[] }

export type CurrencyAmount = { currency_code: string; amount: number }

export type StoreStats = {
  since: string
  days: number
  redemptions: number
  discount_totals: CurrencyAmount[]
}

export type CouponDayStats = { date: string; redemptions: number; discount_totals: CurrencyAmount[] }

export type CouponStats = { since: string; currencies: string[]; days: CouponDayStats[] }

export type Allocation = { item_id: string; amount: number }

export type RedemptionStatus = "held" | "redeemed" | "released" | "canceled" | "refunded"

export type Redemption = {
  id: string
  status: RedemptionStatus
  code: string
  order_id: string | null
  customer_id: string | null
  email: string | null
  cart_id: string
  currency_code: string
  discount_total: number
  allocations: Allocation[]
  created_at: string
}

export type CodeBatchStatus = "pending" | "running" | "done" | "failed"

export type CodeBatch = {
  id: string
  coupon_id: string
  source: "generate" | "import"
  status: CodeBatchStatus
  requested: number
  created: number
  prefix: string | null
  length: number | null
  error: string | null
  created_at: string
  updated_at: string
}

export type SerialCode = {
  id: string
  code: string
  state?: string
  usage_count?: number
  max_uses?: number
  customer_id?: string | null
  batch_id?: string | null
  created_at?: string
  campaign_recipient_id?: string | null
  /** `channel:contact_id` of the campaign contact that redeemed it. */
  contact?: string | null
  [key: string]: unknown
}

export type CouponPlan = "basic" | "advanced"

export type CouponSettings = {
  id: string
  enabled: boolean
  plan: CouponPlan
  expiring_soon_days: number
  payment_hold_minutes: number
  excluded_product_kinds: string[]
  allowed_order_types: string[]
  restore_usage_on_cancel: boolean
}

export type WalletStatus = "unused" | "used" | "expired" | "expiring_soon"

export type WalletCoupon = {
  id: string
  coupon_id: string
  code: string
  title: string
  type: CouponType
  amount: number | null
  percentage: number | null
  max_discount: number | null
  min_spend: number | null
  currency_code: string | null
  status: WalletStatus
  source: "admin" | "campaign" | "claim"
  received_at: string
  expires_at: string | null
  used_at: string | null
  order_id: string | null
}

export type WalletResponse = ListResponse & {
  coupons: WalletCoupon[]
  counts: Record<WalletStatus, number>
}

export type BlocklistEntry = { id: string; customer_id: string; reason: string; created_at: string }

export type OrderCouponLine = {
  item_id: string
  title: string
  quantity: number
  unit_price: number
  subtotal: number
  coupon_share: number
  paid: number
  returned_quantity: number
  refunded: number
  refundable: number
}

export type OrderCoupon = {
  id: string
  coupon_id: string
  code: string
  status: RedemptionStatus
  customer_id: string | null
  currency_code: string
  discount_total: number
  lines: OrderCouponLine[]
  paid: number
  refunded: number
  refundable: number
}

export type CampaignStep = "sent" | "opened" | "redeemed" | "verified"

export type CampaignFunnel = Record<CampaignStep, number>

export type CampaignBarcodeFormat = "QR" | "CODE_39" | "CODE_128"

export type Campaign = {
  id: string
  name: string
  instructions: string | null
  coupon_id: string
  coupon: { id: string; code: string | null; title: string } | null
  send_starts_at: string
  send_ends_at: string
  expiry_mode: "from_sending" | "from_redemption"
  expiry_days: number
  per_contact_limit: number
  image_url: string | null
  background_color: string
  button_color: string
  button_text_color: string
  barcode_format: CampaignBarcodeFormat
  funnel: CampaignFunnel
  /** The same counts per contact channel (line, email, …). */
  funnel_by_channel: Record<string, CampaignFunnel>
  created_at: string
  updated_at: string
}

export type CampaignRecipient = {
  id: string
  channel: string
  contact_id: string
  contact_name: string | null
  customer_id: string | null
  customer: { id: string; email: string; first_name: string | null; last_name: string | null } | null
  code: string | null
  status: CampaignStep
  wallet_entry_id: string | null
  sent_at: string
  opened_at: string | null
  redeemed_at: string | null
  verified_at: string | null
}

export type SentRecipient = {
  id: string
  customer_id: string
  status: CampaignStep
  sent_at: string
  coupon_url: string
  notification_status: string | null
}

export type SendResult = { recipients: SentRecipient[]; skipped: { customer_id: string; reason: string }[] }

/** A contact as pasted or uploaded on the campaign page (POST /admin/coupon-campaigns/:id/links). */
export type CampaignContact = { channel: string; contact_id: string; name?: string; customer_id?: string }

export type ContactLink = {
  id: string
  channel: string
  contact_id: string
  name: string | null
  customer_id: string | null
  coupon_url: string
  status: CampaignStep
  sent_at: string
  created: boolean
  limit_reached: boolean
  notification_status: string | null
}

export type IssueLinksResult = { links: ContactLink[]; skipped: { channel: string; contact_id: string; reason: string }[] }

/** One admin change in a coupon's history (GET /admin/coupons/:id/audit). */
export type AuditEntry = {
  id: string
  resource_type: "coupon" | "campaign" | "settings" | "blocklist"
  resource_id: string
  action: string
  actor_id: string | null
  actor: { id: string; email: string; first_name: string | null; last_name: string | null } | null
  changes: Record<string, { before: unknown; after: unknown }>
  created_at: string
}
