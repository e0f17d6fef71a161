import { Hint, Label } from "@medusajs/ui"
import type { ReactNode } from "react"

/**
 * One labelled field of a create / edit form. The control inside has the id
 * `${form}-${name}`: the label points at it, and the form puts the cursor
 * there when the API names the field. The error carries
 * `data-testid="error-${name}"` for the browser test.
 */
export const FormField = ({
  form,
  name,
  label,
  hint,
  optional,
  error,
  children,
}: {
  form: string
  name: string
  label: string
  hint?: string
  optional?: boolean
  error?: string
  children: ReactNode
}) => (
  <div className="flex flex-col gap-y-2">
    <Label size="small" weight="plus" htmlFor={`${form}-${name}`}>
      {label}
      {optional && <span className="text-ui-fg-muted font-normal"> (optional)</span>}
    </Label>
    {children}
    {hint && !error && <Hint>{hint}</Hint>}
    {error && (
      <Hint variant="error" id={`${form}-${name}-error`} role="alert" data-testid={`error-${name}`}>
        {error}
      </Hint>
    )}
  </div>
)
