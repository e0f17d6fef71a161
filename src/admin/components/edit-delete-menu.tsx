import { EllipsisHorizontal, PencilSquare, Trash } from "@medusajs/icons"
import { DropdownMenu, IconButton, toast, usePrompt } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { errorMessage } from "../lib/format"

/**
 * The "…" menu of a detail page: Edit opens `editTo`; Delete asks first,
 * then deletes and goes to `afterDeleteTo` (the page of the deleted thing
 * is gone).
 */
export const EditDeleteMenu = ({
  label,
  editTo,
  confirmTitle,
  confirmDescription,
  remove,
  deletedMessage,
  afterDeleteTo,
}: {
  label: string
  editTo: string
  confirmTitle: string
  confirmDescription: string
  remove: { mutateAsync: () => Promise<unknown>; isPending: boolean }
  deletedMessage: string
  afterDeleteTo: string
}) => {
  const navigate = useNavigate()
  const prompt = usePrompt()

  const onDelete = async () => {
    const confirmed = await prompt({
      title: confirmTitle,
      description: confirmDescription,
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!confirmed) return
    try {
      await remove.mutateAsync()
      toast.success(deletedMessage)
      navigate(afterDeleteTo, { replace: true })
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }

  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <IconButton size="small" variant="transparent" aria-label={label}>
          <EllipsisHorizontal />
        </IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end">
        <DropdownMenu.Item className="gap-x-2" onClick={() => navigate(editTo)}>
          <PencilSquare className="text-ui-fg-subtle" />
          Edit
        </DropdownMenu.Item>
        <DropdownMenu.Separator />
        <DropdownMenu.Item className="gap-x-2" onClick={onDelete} disabled={remove.isPending}>
          <Trash className="text-ui-fg-subtle" />
          Delete
        </DropdownMenu.Item>
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}
