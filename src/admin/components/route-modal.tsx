import { FocusModal } from "@medusajs/ui"
import { useEffect, useState, type ReactNode } from "react"
import { useNavigate } from "react-router-dom"

/**
 * A page shown as a full-screen modal (Medusa's create / edit pages): open
 * on arrival, and closing it (Esc, the close button, Cancel) goes back to
 * `prev`. The title and description are for screen readers; the page
 * shows its own heading.
 */
export const RouteFocusModal = ({
  prev,
  title,
  description,
  children,
}: {
  prev: string
  title: string
  description: string
  children: ReactNode
}) => {
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  useEffect(() => {
    setOpen(true)
  }, [])
  const onOpenChange = (next: boolean) => {
    if (!next) {
      setOpen(false)
      navigate(prev, { replace: true })
      return
    }
    setOpen(true)
  }
  return (
    <FocusModal open={open} onOpenChange={onOpenChange}>
      <FocusModal.Content>
        {/* FocusModal.Title drops className: hide it through its child. */}
        <FocusModal.Title asChild>
          <span className="sr-only">{title}</span>
        </FocusModal.Title>
        <FocusModal.Description className="sr-only">{description}</FocusModal.Description>
        {children}
      </FocusModal.Content>
    </FocusModal>
  )
}

/** Shown inside a RouteFocusModal while its data loads or failed to load. */
export const ModalFallback = ({ children }: { children: ReactNode }) => (
  <>
    <FocusModal.Header />
    <FocusModal.Body className="flex flex-1 flex-col items-center overflow-y-auto py-12">
      <div className="w-full max-w-[720px] px-6">{children}</div>
    </FocusModal.Body>
  </>
)
