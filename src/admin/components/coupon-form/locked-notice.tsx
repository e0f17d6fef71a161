import { LockClosedSolid } from "@medusajs/icons"
import { Text } from "@medusajs/ui"

/** Why the advanced tabs' fields are disabled on the basic plan. */
export const LockedNotice = () => (
  <Text size="small" className="text-ui-fg-subtle flex items-center gap-x-2" data-testid="plan-locked">
    <LockClosedSolid />
    The basic plan allows only the general fields; switch to the advanced plan in Settings → Coupons to use these.
  </Text>
)
