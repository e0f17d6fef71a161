import { Container, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A number with its label at the top of a list page. */
export const StatCard = ({
  label,
  value,
  hint,
  isLoading,
  testId,
}: {
  label: string
  value: ReactNode
  hint?: ReactNode
  isLoading?: boolean
  testId?: string
}) => (
  <Container className="flex flex-col gap-y-1 px-6 py-4" data-testid={testId}>
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    {isLoading ? (
      <Skeleton className="h-8 w-16" />
    ) : (
      <Text size="xlarge" weight="plus" className="text-ui-fg-base" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </Text>
    )}
    {hint && (
      <Text size="xsmall" className="text-ui-fg-muted">
        {hint}
      </Text>
    )}
  </Container>
)
