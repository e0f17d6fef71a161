import { ExclamationCircle } from "@medusajs/icons"
import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { errorMessage } from "../lib/format"

/** Placeholder rows while a section loads. */
export const SectionSkeleton = ({ rows = 3, title = true }: { rows?: number; title?: boolean }) => (
  <Container className="divide-y p-0" aria-busy="true" aria-label="Loading">
    {title && (
      <div className="px-6 py-4">
        <Skeleton className="h-7 w-40" />
      </div>
    )}
    {Array.from({ length: rows }, (_, i) => (
      <div key={i} className="grid grid-cols-2 gap-4 px-6 py-4">
        <Skeleton className="h-5 w-24" />
        <Skeleton className="h-5 w-full" />
      </div>
    ))}
  </Container>
)

/** A failed read, with its message and a retry. */
export const ErrorState = ({
  error,
  title = "Could not load this",
  onRetry,
  inline = false,
}: {
  error: unknown
  title?: string
  onRetry?: () => void
  inline?: boolean
}) => {
  const body = (
    <div role="alert" className="flex flex-col items-center justify-center gap-y-2 px-6 py-8 text-center">
      <ExclamationCircle className="text-ui-fg-error" />
      <Text size="small" weight="plus">
        {title}
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        {errorMessage(error)}
      </Text>
      {onRetry && (
        <Button size="small" variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  )
  return inline ? body : <Container className="p-0">{body}</Container>
}

/** Nothing to show yet, with what to do about it. */
export const EmptyState = ({ title, description, action }: { title: string; description?: string; action?: ReactNode }) => (
  <div className="flex flex-col items-center justify-center gap-y-2 px-6 py-8 text-center">
    <Text size="small" weight="plus">
      {title}
    </Text>
    {description && (
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    )}
    {action}
  </div>
)

/** A section with a heading row, as the dashboard's detail pages draw them. */
export const SectionHeader = ({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-4">
    <div>
      <Heading level="h2">{title}</Heading>
      {subtitle && (
        <Text size="small" className="text-ui-fg-subtle">
          {subtitle}
        </Text>
      )}
    </div>
    {actions && <div className="flex items-center gap-x-2">{actions}</div>}
  </div>
)

/** One "label: value" row of a detail section. */
export const SectionRow = ({ label, value }: { label: string; value: ReactNode }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-start px-6 py-4">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <div className="text-ui-fg-base txt-compact-small whitespace-pre-line break-words">{value ?? "-"}</div>
  </div>
)
