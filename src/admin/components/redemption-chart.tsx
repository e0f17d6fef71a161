import { Container, Select, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import { formatMoney, formatNumber } from "../lib/format"
import type { CouponStats } from "../lib/types"
import { EmptyState, ErrorState, SectionHeader } from "./states"

// The dashboard's own palette (CSS variables of @medusajs/ui), so the chart
// follows light and dark mode.
const BAR = "var(--fg-interactive, #3b82f6)"
const LINE = "var(--tag-orange-icon, #f97316)"
const AXIS = "var(--fg-muted, #9ca3af)"
const GRID = "var(--border-base, #e5e7eb)"

const shortDay = (date: string) =>
  new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`))

/** Orders placed with the coupon (bars) and discount given (line) per day, last 30 days. */
export const RedemptionChart = ({
  stats,
  isLoading,
  error,
  onRetry,
}: {
  stats?: CouponStats
  isLoading: boolean
  error: unknown
  onRetry: () => void
}) => {
  const [picked, setPicked] = useState<string | null>(null)
  const currency = picked ?? stats?.currencies[0] ?? null
  const data = useMemo(
    () =>
      (stats?.days ?? []).map((d) => ({
        date: d.date,
        label: shortDay(d.date),
        redemptions: d.redemptions,
        discount: d.discount_totals.find((t) => t.currency_code === currency)?.amount ?? 0,
      })),
    [stats, currency]
  )
  const total = data.reduce((n, d) => n + d.redemptions, 0)

  return (
    <Container className="divide-y p-0" data-testid="redemption-chart">
      <SectionHeader
        title="Last 30 days"
        subtitle={stats ? `${formatNumber(total)} ${total === 1 ? "order" : "orders"} with this coupon` : undefined}
        actions={
          stats && stats.currencies.length > 1 ? (
            <Select size="small" value={currency ?? undefined} onValueChange={setPicked}>
              <Select.Trigger aria-label="Currency of the discount line">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {stats.currencies.map((c) => (
                  <Select.Item key={c} value={c}>
                    {c.toUpperCase()}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          ) : null
        }
      />
      {error ? (
        <ErrorState inline title="Could not load the chart" error={error} onRetry={onRetry} />
      ) : isLoading || !stats ? (
        <div className="h-[260px] animate-pulse px-6 py-4" aria-busy="true">
          <div className="bg-ui-bg-component h-full w-full rounded-md" />
        </div>
      ) : total === 0 ? (
        <EmptyState title="No orders with this coupon in the last 30 days" description="Redemptions and the discount given will show here per day." />
      ) : (
        <div className="h-[260px] px-2 py-4" role="img" aria-label={`Orders and discount per day; ${total} orders in 30 days`}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="label" tick={{ fill: AXIS, fontSize: 11 }} tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={16} />
              <YAxis yAxisId="orders" allowDecimals={false} tick={{ fill: AXIS, fontSize: 11 }} tickLine={false} axisLine={false} width={32} />
              <YAxis
                yAxisId="discount"
                orientation="right"
                tick={{ fill: AXIS, fontSize: 11 }}
                tickLine={false}
                axisLine={false}
                width={56}
                tickFormatter={(v: number) => (currency ? formatMoney(v, currency) : String(v))}
              />
              <Tooltip
                formatter={(value: number, name: string) =>
                  name === "Discount" ? formatMoney(value, currency) : formatNumber(value)
                }
              />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar yAxisId="orders" dataKey="redemptions" name="Orders" fill={BAR} radius={[3, 3, 0, 0]} maxBarSize={18} isAnimationActive={false} />
              <Line yAxisId="discount" dataKey="discount" name="Discount" stroke={LINE} strokeWidth={2} dot={false} type="linear" isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      {stats && !error && (
        <Text size="xsmall" className="text-ui-fg-muted px-6 py-2">
          Days are UTC calendar days. Discount in {currency ? currency.toUpperCase() : "the order's currency"}.
        </Text>
      )}
    </Container>
  )
}
