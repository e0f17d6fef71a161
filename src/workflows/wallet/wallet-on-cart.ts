import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { COUPON_MODULE } from "../../modules/coupon"
import { refuse } from "../../modules/coupon/errors"
import type CouponModuleService from "../../modules/coupon/service"
import { toMajorUnits } from "../../modules/coupon/lib/money"
import { rankWalletCouponOptions, WalletCouponOption } from "../../modules/coupon/lib/wallet"
import { judgeCouponOnCart } from "../carts/judge-coupon-on-cart"
import { CouponCart, loadCouponCart, withLineProducts } from "../carts/load-coupon-cart"

/** Unused wallet coupons judged per cart; a wallet larger than this offers its newest ones. */
export const MAX_WALLET_OPTIONS = 100

/** Judged in small groups: each judgement reads a few rows. */
const JUDGE_CONCURRENCY = 4

/**
 * The logged-in customer's cart, refused when the shopper is a guest or the
 * cart belongs to someone else (a wallet code only works for its holder).
 */
export async function loadWalletHolderCart(
  container: MedusaContainer,
  cartId: string,
  customerId: string | null | undefined
): Promise<CouponCart & { customer_id: string }> {
  if (!customerId) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "Log in to use a coupon from your wallet (a guest has no wallet), or send a code."
    )
  }
  const cart = await loadCouponCart(container, cartId)
  if (cart.customer_id !== customerId) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Cart ${cartId} is not the logged-in customer's cart: set its customer (POST /store/carts/${cartId}/customer) first.`
    )
  }
  return cart as CouponCart & { customer_id: string }
}

/**
 * Every unused coupon in the customer's wallet judged on the cart with the
 * checkout rules (judgeCouponOnCart), best first: those that apply by
 * discount (ties: expiring first), then the others with the rule that fails.
 */
export async function walletCouponOptions(
  container: MedusaContainer,
  cart: CouponCart & { customer_id: string }
): Promise<WalletCouponOption[]> {
  const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
  // The lines' products once for all the judgements, categories included.
  const [{ rows }, judgedCart] = await Promise.all([
    couponService.readWallet({
      customer_id: cart.customer_id,
      status: "unused",
      limit: MAX_WALLET_OPTIONS,
      offset: 0,
      now: new Date(),
    }),
    withLineProducts(container, cart, { categories: true }),
  ])
  // A shared code may sit in the wallet more than once: judge it once, with
  // the expiry of the entry that expires first.
  const byCode = new Map<string, (typeof rows)[number]>()
  for (const row of rows) {
    const seen = byCode.get(row.code)
    const expiry = (r: typeof row) => (r.expires_at ? new Date(r.expires_at).getTime() : Number.POSITIVE_INFINITY)
    if (!seen || expiry(row) < expiry(seen)) byCode.set(row.code, row)
  }

  const entries = [...byCode.values()]
  const options: WalletCouponOption[] = []
  for (let i = 0; i < entries.length; i += JUDGE_CONCURRENCY) {
    const judged = await Promise.all(
      entries.slice(i, i + JUDGE_CONCURRENCY).map(async (row) => {
        const { evaluation } = await judgeCouponOnCart(container, judgedCart, row.code)
        const option: WalletCouponOption = evaluation.ok
          ? {
              code: row.code,
              title: row.title,
              discount_total: toMajorUnits(evaluation.discount_total, cart.currency_code),
              eligible: true,
              expires_at: row.expires_at,
            }
          : {
              code: row.code,
              title: row.title,
              discount_total: 0,
              eligible: false,
              reason: evaluation.message,
              reason_code: evaluation.rule,
              ...(evaluation.details ? { reason_details: evaluation.details } : {}),
              expires_at: row.expires_at,
            }
        return option
      })
    )
    options.push(...judged)
  }
  return rankWalletCouponOptions(options)
}

/**
 * The wallet code with the highest discount on this cart, for
 * `POST /store/carts/:id/coupon {}`; refused with every coupon's reason when
 * none applies.
 */
export async function bestWalletCode(
  container: MedusaContainer,
  cartId: string,
  customerId: string | null | undefined
): Promise<string> {
  const cart = await loadWalletHolderCart(container, cartId, customerId)
  const options = await walletCouponOptions(container, cart)
  if (!options.length) {
    throw refuse("no_wallet_coupon", "Your wallet has no unused coupon to apply.")
  }
  if (!options[0].eligible) {
    throw refuse(
      "no_wallet_coupon",
      `No coupon in your wallet applies to this cart: ${options.map((o) => `${o.code}: ${o.reason}`).join(" ")}`,
      { options: options.map((o) => ({ code: o.code, reason_code: o.reason_code })) }
    )
  }
  return options[0].code
}
