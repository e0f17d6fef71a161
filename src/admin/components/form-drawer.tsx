import { Button, Drawer } from "@medusajs/ui"
import type { FormEvent, ReactElement, ReactNode } from "react"

/**
 * A drawer holding a small form: opened by `trigger`, with a title (and a
 * description for screen readers), the fields, and a footer with a close
 * button and the submit button.
 */
export const FormDrawer = ({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  onSubmit,
  closeLabel = "Cancel",
  submitLabel,
  submitVariant = "primary",
  isPending,
  children,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  trigger: ReactElement
  title: ReactNode
  description: string
  onSubmit: (e: FormEvent) => void
  closeLabel?: string
  submitLabel: string
  submitVariant?: "primary" | "danger"
  isPending: boolean
  children: ReactNode
}) => (
  <Drawer open={open} onOpenChange={onOpenChange}>
    <Drawer.Trigger asChild>{trigger}</Drawer.Trigger>
    <Drawer.Content>
      <form onSubmit={onSubmit} className="flex h-full flex-col overflow-hidden">
        <Drawer.Header>
          <Drawer.Title>{title}</Drawer.Title>
          <Drawer.Description className="sr-only">{description}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">{children}</Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary" type="button">
              {closeLabel}
            </Button>
          </Drawer.Close>
          <Button size="small" variant={submitVariant} type="submit" isLoading={isPending}>
            {submitLabel}
          </Button>
        </Drawer.Footer>
      </form>
    </Drawer.Content>
  </Drawer>
)
