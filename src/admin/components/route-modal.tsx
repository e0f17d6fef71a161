import { FocusModal } from "@medusajs/ui"
import { useEffect, useState, type ReactNode } from "react"
import { useNavigate } from "react-router-dom"

/**
 * A page shown as a full-screen modal (Medusa's create / edit pages): open
 * on arrival, and closing it (Esc, the close button, Cancel) goes back to
 * `prev`.
 */
export const RouteFocusModal = ({ prev, children }: { prev: string; children: ReactNode }) => {
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
      <FocusModal.Content>{children}</FocusModal.Content>
    </FocusModal>
  )
}
