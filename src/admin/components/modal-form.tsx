import { Button, FocusModal } from "@medusajs/ui"
import { useRef, type FormEvent, type KeyboardEvent, type ReactNode } from "react"

/**
 * A create / edit form filling a RouteFocusModal: the modal's header, its
 * body (the fields), and a footer with Cancel and the submit button.
 * ⌘/Ctrl + Enter saves from anywhere in the form, as in Medusa's own forms.
 */
export const ModalForm = ({
  onSubmit,
  submitLabel,
  isPending,
  bodyClassName,
  children,
}: {
  onSubmit: (e: FormEvent) => void
  submitLabel: string
  isPending: boolean
  bodyClassName: string
  children: ReactNode
}) => {
  const formRef = useRef<HTMLFormElement>(null)
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
      e.preventDefault()
      formRef.current?.requestSubmit()
    }
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} onKeyDown={onKeyDown} className="flex size-full flex-col overflow-hidden" noValidate>
      <FocusModal.Header />
      <FocusModal.Body className={bodyClassName}>{children}</FocusModal.Body>
      <FocusModal.Footer>
        <div className="flex items-center justify-end gap-x-2">
          <FocusModal.Close asChild>
            <Button size="small" variant="secondary" type="button">
              Cancel
            </Button>
          </FocusModal.Close>
          <Button size="small" type="submit" isLoading={isPending}>
            {submitLabel}
          </Button>
        </div>
      </FocusModal.Footer>
    </form>
  )
}
