import { DataTable, type DataTableEmptyStateProps, type UseDataTableReturn } from "@medusajs/ui"
import type { ReactNode } from "react"

/**
 * A list the API pages, as a table: its toolbar (the children, if any), one
 * page of rows or what to say when there are none, and the page buttons.
 */
export const PagedTable = <TData,>({
  table,
  emptyState,
  children,
}: {
  table: UseDataTableReturn<TData>
  emptyState: DataTableEmptyStateProps
  children?: ReactNode
}) => (
  <DataTable instance={table}>
    {children}
    <DataTable.Table emptyState={emptyState} />
    <DataTable.Pagination />
  </DataTable>
)
