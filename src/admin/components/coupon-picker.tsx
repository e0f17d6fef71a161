import { Hint, Input, Label, RadioGroup, Skeleton, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { errorMessage, formatDiscount } from "../lib/format"
import { searchCoupons } from "../lib/queries"
import type { Coupon, CouponStatus } from "../lib/types"

/**
 * Picks one coupon: a search box (code or title) and the matching coupons as
 * radio choices (arrow keys move between them).
 */
export const CouponPicker = ({
  id,
  value,
  onChange,
  statuses = ["active", "scheduled"],
  current,
  error,
  autoFocus,
}: {
  id: string
  value: string
  onChange: (couponId: string) => void
  /** Only coupons in these statuses can be picked. */
  statuses?: CouponStatus[]
  /** The coupon already chosen, shown even when the search does not find it. */
  current?: Pick<Coupon, "id" | "code" | "title"> | null
  error?: string
  autoFocus?: boolean
}) => {
  const [q, setQ] = useState("")
  const [debounced, setDebounced] = useState("")
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q), 250)
    return () => clearTimeout(timer)
  }, [q])
  const coupons = useQuery({ queryKey: ["coupons", "picker", debounced], queryFn: () => searchCoupons(debounced) })
  const usable = (coupons.data ?? []).filter((c) => statuses.includes(c.status))
  const showCurrent = current && !usable.some((c) => c.id === current.id)

  return (
    <div className="flex flex-col gap-y-2">
      <Label size="small" weight="plus" htmlFor={id}>
        Coupon
      </Label>
      <Input id={id} type="search" size="small" placeholder="Search code or title" value={q} onChange={(e) => setQ(e.target.value)} autoFocus={autoFocus} aria-invalid={Boolean(error)} />
      {coupons.isLoading ? (
        <div className="flex flex-col gap-y-2">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : coupons.error ? (
        <Hint variant="error">{errorMessage(coupons.error)}</Hint>
      ) : usable.length === 0 && !showCurrent ? (
        <Text size="small" className="text-ui-fg-muted">
          No {statuses.join(" or ")} coupon matches.
        </Text>
      ) : (
        <RadioGroup value={value} onValueChange={onChange} className="flex flex-col gap-y-2" aria-label="Coupons">
          {showCurrent && <RadioGroup.ChoiceBox value={current.id} label={`${current.code ?? "Serial codes"} · ${current.title}`} description="Current coupon" />}
          {usable.map((c) => (
            <RadioGroup.ChoiceBox key={c.id} value={c.id} label={`${c.code ?? "Serial codes"} · ${c.title}`} description={`${formatDiscount(c)} · ${c.status}`} />
          ))}
        </RadioGroup>
      )}
      {error && (
        <Hint variant="error" role="alert">
          {error}
        </Hint>
      )}
    </div>
  )
}
