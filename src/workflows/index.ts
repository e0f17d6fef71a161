// Workflows other code (a campaign, a merchant's own app) may run.
export { addToWalletWorkflow } from "./wallet/workflows/add-to-wallet"
export type { AddToWalletInput, WalletGrantSource } from "./wallet/workflows/add-to-wallet"
