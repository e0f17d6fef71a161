import { clx } from "@medusajs/ui"

/** A determinate progress bar (no such component in @medusajs/ui), announced to screen readers. */
export const ProgressBar = ({
  value,
  max,
  label,
  tone = "interactive",
}: {
  value: number
  max: number
  label: string
  tone?: "interactive" | "success" | "error"
}) => {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={`${percent}%`}
      data-testid="code-batch-progress"
      data-percent={percent}
      className="bg-ui-bg-component shadow-borders-base h-2 w-full overflow-hidden rounded-full"
    >
      <div
        className={clx("h-full rounded-full transition-[width] duration-300", {
          "bg-ui-fg-interactive": tone === "interactive",
          "bg-ui-tag-green-icon": tone === "success",
          "bg-ui-fg-error": tone === "error",
        })}
        style={{ width: `${percent}%` }}
      />
    </div>
  )
}
