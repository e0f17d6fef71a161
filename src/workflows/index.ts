// Workflows other code (a campaign, a merchant's own app) may run.
export { addToWalletWorkflow } from "./wallet/workflows/add-to-wallet"
export type { AddToWalletInput, WalletGrantSource } from "./wallet/workflows/add-to-wallet"
export { applyCouponToCartWorkflow, applyCouponToCartWorkflowId } from "./carts/workflows/apply-coupon-to-cart"
export type { ApplyCouponToCartInput } from "./carts/workflows/apply-coupon-to-cart"
export { removeCouponFromCartWorkflow, removeCouponFromCartWorkflowId } from "./carts/workflows/remove-coupon-from-cart"
export { refreshCouponOnCartWorkflow, refreshCouponOnCartWorkflowId } from "./carts/workflows/refresh-coupon-on-cart"
export type { RefreshCouponOnCartInput } from "./carts/workflows/refresh-coupon-on-cart"
export {
  claimCouponAtCompletionWorkflow,
  claimCouponAtCompletionWorkflowId,
} from "./carts/workflows/claim-coupon-at-completion"
export type { ClaimCouponAtCompletionInput } from "./carts/workflows/claim-coupon-at-completion"
export type { ClaimRedemptionInput } from "../modules/coupon/service"
export { REFUSAL_CODES } from "../modules/coupon/lib/refusal"
export type { Refusal, RefusalCode } from "../modules/coupon/lib/refusal"
export { CouponRefusalError, refuse } from "../modules/coupon/errors"
