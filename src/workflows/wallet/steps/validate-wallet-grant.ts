import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { normalizeCode } from "../../../modules/coupon/lib/code-generation"
import { walletEntryExpiry } from "../../../modules/coupon/lib/wallet"
import { couponStatus } from "../../../modules/coupon/lib/coupon-status"

export type WalletGrantSource = "admin" | "claim" | "campaign"

export type AddToWalletInput = {
  coupon_id: string
  customer_ids: string[]
  source: WalletGrantSource
  /** The campaign that sends it (source "campaign"). */
  campaign_id?: string | null
  /** The admin user granting it (source "admin"), for the audit trail. */
  actor_id?: string | null
  /**
   * A code of this coupon to give (its shared code or one of its serial
   * codes; one customer only for a serial). Without it each customer gets
   * a free serial code of the coupon when it has one-time serial codes,
   * else its shared code.
   */
  code?: string | null
  /** Validity counts from this date instead of now (a campaign's sending date). */
  expires_from?: Date | string | null
  /** Days the entry stays valid, instead of the coupon's validity_days (a campaign's own expiry). */
  validity_days?: number | null
}

/** What the grant gives: free serial codes from the pool, one given serial code, or a shared code. */
export type WalletGrantPlan = {
  coupon_id: string
  coupon_label: string
  customer_ids: string[]
  source: WalletGrantSource
  campaign_id: string | null
  give:
    | { kind: "serial_pool" }
    | { kind: "serial"; coupon_code_id: string; code: string }
    | { kind: "shared"; code: string; coupon_code_id: string | null }
  received_at: Date
  expires_at: Date | null
}

const list = (ids: string[]) => ids.join(", ")
const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10)

/**
 * Decides what a wallet grant gives and refuses, before anything is written,
 * a grant that may not happen: unknown or blocked customers, a paused or
 * ended coupon, a code of another coupon or another customer's wallet, a used
 * code, a code the customer already holds, or a coupon with nothing to give.
 */
export const validateWalletGrantStep = createStep(
  "validate-wallet-grant",
  async (input: AddToWalletInput, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const now = new Date()

    const customerIds = input.customer_ids ?? []
    if (!customerIds.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Give the coupon to at least one customer.")
    }
    const duplicates = [...new Set(customerIds.filter((id, i) => customerIds.indexOf(id) !== i))]
    if (duplicates.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Customers listed more than once: ${list(duplicates)}.`)
    }

    const coupon = await couponService.retrieveCoupon(input.coupon_id, {
      select: ["id", "code", "title", "is_active", "ends_at", "validity_days"],
    })
    const label = coupon.code ?? coupon.title
    // docs/rules.md §1 (lib/coupon-status.ts): a scheduled coupon may be given ahead of its start.
    const status = couponStatus(coupon, now)
    if (status === "disabled") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Coupon ${label} is disabled: enable it before giving it to customers.`
      )
    }
    if (status === "expired") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Coupon ${label} has expired (it ended on ${day(coupon.ends_at!)}): it can no longer be given to customers.`
      )
    }

    const [{ data: customers }, blocked] = await Promise.all([
      query.graph({ entity: "customer", fields: ["id"], filters: { id: customerIds } }),
      couponService.listCouponBlocklistEntries({ customer_id: customerIds }, { select: ["customer_id"] }),
    ])
    const known = new Set(customers.map((c: any) => c.id))
    const unknown = customerIds.filter((id) => !known.has(id))
    if (unknown.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customers not found: ${list(unknown)}.`)
    }
    if (blocked.length) {
      const ids = customerIds.filter((id) => blocked.some((b) => b.customer_id === id))
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Customers blocked from coupons cannot receive them: ${list(ids)}.`
      )
    }

    const give = await decideWhatToGive(couponService, coupon, label, input, customerIds)

    // Holding the same code twice would only show the same coupon twice
    // when claimed or assigned. A campaign's redemptions are each a coupon
    // of their own, as many as its per-contact limit allows (checked when
    // the recipient is marked redeemed), so they may repeat a shared code;
    // an order spends one entry at a time.
    if (give.kind !== "serial_pool" && input.source !== "campaign") {
      // (The coupon has not ended, checked above, so only the entry's own
      // expiry can have passed.)
      const held = await couponService.listCouponWalletEntries(
        { customer_id: customerIds, code: give.code, state: "available" },
        { select: ["customer_id", "expires_at"] }
      )
      const holders = customerIds.filter((id) =>
        held.some((e) => e.customer_id === id && (!e.expires_at || new Date(e.expires_at) > now))
      )
      if (holders.length) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          input.source === "claim"
            ? `Coupon code ${give.code} is already in your wallet.`
            : `Coupon code ${give.code} is already in the wallet of: ${list(holders)}.`
        )
      }
    }

    const plan: WalletGrantPlan = {
      coupon_id: coupon.id,
      coupon_label: label,
      customer_ids: customerIds,
      source: input.source,
      campaign_id: input.campaign_id ?? null,
      give,
      received_at: now,
      expires_at: walletEntryExpiry(
        input.expires_from ? new Date(input.expires_from) : now,
        input.validity_days ?? coupon.validity_days,
        coupon.ends_at
      ),
    }
    return new StepResponse(plan)
  }
)

/**
 * What a grant gives (see validateWalletGrantStep); `holderIds` are the
 * customers — or, for a campaign contact without a store account, the
 * recipient (reserve-contact-code.ts, never with a `code`) — the code goes to.
 */
export async function decideWhatToGive(
  couponService: CouponModuleService,
  coupon: { id: string; code: string | null },
  label: string,
  input: Pick<AddToWalletInput, "code">,
  customerIds: string[]
): Promise<WalletGrantPlan["give"]> {
  if (input.code) {
    const code = normalizeCode(input.code)
    if (coupon.code === code) {
      return { kind: "shared", code, coupon_code_id: null }
    }
    const [serial] = await couponService.listCouponCodes({ code, coupon_id: coupon.id })
    if (!serial) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Coupon code ${code} does not exist.`)
    }
    if (serial.max_uses > 1) {
      // A fixed serial: one code shared by many.
      return { kind: "shared", code, coupon_code_id: serial.id }
    }
    if (customerIds.length > 1) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Serial code ${code} can go to one customer only; leave out the code to give each customer their own.`
      )
    }
    if (serial.customer_id && serial.customer_id !== customerIds[0]) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Coupon code ${code} belongs to another customer's wallet; coupons cannot be transferred.`
      )
    }
    if (!serial.customer_id && serial.campaign_recipient_id) {
      // Handed over only to the contact's own customer, by the coupon page (claim-campaign-coupon-into-wallet).
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Coupon code ${code} was redeemed by a campaign contact; coupons cannot be transferred.`
      )
    }
    if (serial.usage_count >= serial.max_uses) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Coupon code ${code} has already been used.`)
    }
    return { kind: "serial", coupon_code_id: serial.id, code }
  }

  const [oneTime] = await couponService.listCouponCodes(
    { coupon_id: coupon.id, max_uses: 1 },
    { select: ["id"], take: 1 }
  )
  if (oneTime) {
    const free = await couponService.listAndCountCouponCodes(
      { coupon_id: coupon.id, max_uses: 1, usage_count: 0, customer_id: null, campaign_recipient_id: null },
      { select: ["id"], take: 1 }
    )
    if (free[1] < customerIds.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Coupon ${label} has no free serial code left: ${customerIds.length} needed, ${free[1]} free.`
      )
    }
    return { kind: "serial_pool" }
  }
  if (coupon.code) {
    return { kind: "shared", code: coupon.code, coupon_code_id: null }
  }
  const [fixedSerial] = await couponService.listCouponCodes(
    { coupon_id: coupon.id, max_uses: { $gt: 1 } },
    { select: ["id", "code", "usage_count", "max_uses"], order: { created_at: "ASC" } }
  )
  if (fixedSerial && fixedSerial.usage_count < fixedSerial.max_uses) {
    return { kind: "shared", code: fixedSerial.code, coupon_code_id: fixedSerial.id }
  }
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `Coupon ${label} has no code to give: add a shared code or serial codes first.`
  )
}
