import { CountField, type CouponFormBinding } from "./fields"
import { LockedNotice } from "./locked-notice"

/** How often the coupon may be used: advanced-plan fields. */
export const UsageTab = ({ form, locked }: { form: CouponFormBinding; locked: boolean }) => (
  <>
    {locked && <LockedNotice />}
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <CountField form={form} name="usage_limit" label="Total uses" optional hint="Across all customers; empty = unlimited." disabled={locked} />
      <CountField form={form} name="usage_limit_per_customer" label="Uses per customer" optional hint="Guests are counted by e-mail; empty = unlimited." disabled={locked} />
    </div>
  </>
)
