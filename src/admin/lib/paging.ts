import { useDataTable, type DataTableOptions, type DataTablePaginationState } from "@medusajs/ui"
import { useState } from "react"

/**
 * The page shown of a list the API pages: `limit` and `offset` for the
 * request, `pagination` for the table (see usePagedDataTable), and
 * `toFirstPage` for when the rows are filtered anew.
 */
export function usePaging(pageSize: number) {
  const [pageIndex, setPageIndex] = useState(0)
  return {
    limit: pageSize,
    offset: pageIndex * pageSize,
    pagination: {
      state: { pageIndex, pageSize },
      onPaginationChange: (state: DataTablePaginationState) => setPageIndex(state.pageIndex),
    },
    toFirstPage: () => setPageIndex(0),
  }
}

type Paging = ReturnType<typeof usePaging>

/**
 * useDataTable over the page `paging` fetched: rows known by their id, the
 * API's total `count` for the page buttons, and a new search or filter going
 * back to the first page (the old page number may be past its end).
 */
export function usePagedDataTable<TData extends { id: string }>(
  paging: Paging,
  {
    count,
    search,
    filtering,
    ...options
  }: Omit<DataTableOptions<TData>, "getRowId" | "rowCount" | "pagination"> & { count: number | undefined }
) {
  return useDataTable({
    ...options,
    getRowId: (row) => row.id,
    rowCount: count ?? 0,
    search: search && {
      ...search,
      onSearchChange: (value) => {
        search.onSearchChange(value)
        paging.toFirstPage()
      },
    },
    filtering: filtering && {
      ...filtering,
      onFilteringChange: (state) => {
        filtering.onFilteringChange(state)
        paging.toFirstPage()
      },
    },
    pagination: paging.pagination,
  })
}
