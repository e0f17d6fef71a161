import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refuse, refusalOf } from "../../../../../../modules/coupon/errors"
import { normalizeCode } from "../../../../../../modules/coupon/lib/code-generation"
import { toMajorUnits } from "../../../../../../modules/coupon/lib/money"
import { judgeCouponOnCart } from "../../../../../../workflows/carts/judge-coupon-on-cart"
import { loadCouponCart } from "../../../../../../workflows/carts/load-coupon-cart"
import { applyCouponToCartWorkflow } from "../../../../../../workflows/carts/workflows/apply-coupon-to-cart"
import { loadWalletHolderCart, walletCouponOptions } from "../../../../../../workflows/wallet/wallet-on-cart"
import { recordUnknownCode, refuseWhenOutOfAttempts } from "../../../../../utils/code-attempts"
import type { StoreCouponPreviewType } from "./validators"

/**
 * What a code would give this cart (docs/rules.md §7.4): eligible with the
 * discount and each line's share, or the refusal with its code and details.
 * It judges the code exactly as applying it does — a merchant's validate
 * hook on applyCouponToCartWorkflow first (run with `preview: true`, so
 * only the hook runs), then judgeCouponOnCart — but writes nothing: no
 * coupon on the cart, no adjustment, no hold, no use.
 * A refusal is an answer here (200), not an error; only a code that does
 * not exist counts as a guess, as it does when applying.
 */
export async function POST(req: MedusaRequest<StoreCouponPreviewType>, res: MedusaResponse) {
  const cartId = req.params.id
  if (await refuseWhenOutOfAttempts(req, res, cartId)) return
  const code = req.validatedBody.code ?? (await bestWalletCodeToPreview(req, cartId))

  const hookRefusal = await merchantRefusal(req, cartId, code)
  if (hookRefusal) {
    res.json({
      preview: {
        code: normalizeCode(code),
        eligible: false,
        discount_total: 0,
        allocations: [],
        refusal: { code: hookRefusal.code, message: hookRefusal.message, details: hookRefusal.details ?? {} },
      },
    })
    return
  }
  const { cart, code: normalized, evaluation } = await judgeCouponOnCart(req.scope, loadCouponCart(req.scope, cartId), code)
  if (!evaluation.ok && evaluation.rule === "coupon_not_found") {
    await recordUnknownCode(req, cartId)
  }
  const currency = cart.currency_code
  res.json({
    preview: evaluation.ok
      ? {
          code: normalized,
          eligible: true,
          discount_total: toMajorUnits(evaluation.discount_total, currency),
          allocations: evaluation.allocations
            .filter((a) => a.amount > 0)
            .map((a) => ({ item_id: a.item_id, amount: toMajorUnits(a.amount, currency) })),
        }
      : {
          code: normalized,
          eligible: false,
          discount_total: 0,
          allocations: [],
          refusal: { code: evaluation.rule, message: evaluation.message, details: evaluation.details ?? {} },
        },
  })
}

/**
 * A merchant's own refusal of the code, from the validate hook of
 * applyCouponToCartWorkflow run as a preview (nothing else runs); null when
 * the hook lets it through. Only a refusal (a MedusaError with a code, as
 * `refuse()` makes) is an answer; anything else fails the request as it
 * would fail the apply.
 */
async function merchantRefusal(req: MedusaRequest, cartId: string, code: string) {
  try {
    await applyCouponToCartWorkflow(req.scope).run({ input: { cart_id: cartId, code, preview: true } })
    return null
  } catch (error) {
    const refusal = refusalOf(error)
    if (!refusal) throw error
    return refusal
  }
}

/**
 * The wallet coupon applying would pick: the best one that applies, or, when
 * none does, the best of the others, so the preview shows why it does not.
 */
async function bestWalletCodeToPreview(req: MedusaRequest, cartId: string): Promise<string> {
  const customerId = (req as any).auth_context?.actor_id
  if (!customerId) {
    throw refuse("not_allowed", "Log in to preview a coupon from your wallet (a guest has no wallet), or send a code.")
  }
  const cart = await loadWalletHolderCart(req.scope, cartId, customerId)
  const [best] = await walletCouponOptions(req.scope, cart)
  if (!best) {
    throw refuse("not_allowed", "Your wallet has no unused coupon to preview; send a code.")
  }
  return best.code
}
