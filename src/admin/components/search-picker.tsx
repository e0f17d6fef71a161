import { XMarkMini } from "@medusajs/icons"
import { Badge, Checkbox, IconButton, Input, Label, Skeleton, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useEffect, useId, useState } from "react"
import { errorMessage } from "../lib/format"

export type PickerOption = { id: string; label: string; description?: string }

const useDebounced = (value: string, ms: number) => {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

/**
 * A multi-select with search (products, categories): the chosen ones as
 * chips that can be removed, a search box and a list of matches with check
 * boxes. Everything is reachable with Tab and toggled with Space.
 */
export const SearchPicker = ({
  id,
  label,
  hint,
  searchPlaceholder,
  selected,
  selectedLabels,
  onChange,
  search,
  queryKey,
  disabled,
  error,
  emptyText = "None selected: applies to all.",
}: {
  id: string
  label: string
  hint?: string
  searchPlaceholder: string
  selected: string[]
  /** Labels of the selected ids, once known. */
  selectedLabels: Record<string, string>
  onChange: (ids: string[]) => void
  search: (q: string) => Promise<PickerOption[]>
  queryKey: string
  disabled?: boolean
  error?: string
  /** Shown when nothing is selected. */
  emptyText?: string
}) => {
  const [q, setQ] = useState("")
  const debounced = useDebounced(q, 250)
  const listId = useId()
  const results = useQuery({
    queryKey: ["coupon-picker", queryKey, debounced],
    queryFn: () => search(debounced),
    enabled: !disabled,
  })
  const [known, setKnown] = useState<Record<string, string>>({})
  useEffect(() => {
    if (!results.data) return
    setKnown((prev) => ({ ...prev, ...Object.fromEntries(results.data.map((o) => [o.id, o.label])) }))
  }, [results.data])

  const labelOf = (optionId: string) => selectedLabels[optionId] ?? known[optionId] ?? optionId
  const toggle = (optionId: string, on: boolean) =>
    onChange(on ? [...selected, optionId] : selected.filter((s) => s !== optionId))

  return (
    <div className="flex flex-col gap-y-2" id={id} tabIndex={-1}>
      <div className="flex flex-col">
        <Label size="small" weight="plus" htmlFor={`${id}-search`}>
          {label}
        </Label>
        {hint && (
          <Text size="small" className="text-ui-fg-subtle">
            {hint}
          </Text>
        )}
      </div>
      <div className="flex flex-wrap gap-2" aria-label={`Selected ${label.toLowerCase()}`}>
        {selected.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted">
            {emptyText}
          </Text>
        ) : (
          selected.map((optionId) => (
            <Badge key={optionId} size="small" className="flex items-center gap-x-1 pr-0.5">
              {labelOf(optionId)}
              <IconButton
                type="button"
                size="2xsmall"
                variant="transparent"
                disabled={disabled}
                aria-label={`Remove ${labelOf(optionId)}`}
                onClick={() => toggle(optionId, false)}
              >
                <XMarkMini />
              </IconButton>
            </Badge>
          ))
        )}
      </div>
      <Input
        id={`${id}-search`}
        type="search"
        size="small"
        placeholder={searchPlaceholder}
        value={q}
        disabled={disabled}
        onChange={(e) => setQ(e.target.value)}
        aria-controls={listId}
        aria-invalid={Boolean(error)}
      />
      <div id={listId} role="group" aria-label={`${label} results`} className="shadow-borders-base max-h-56 overflow-y-auto rounded-md">
        {disabled ? null : results.isLoading ? (
          <div className="flex flex-col gap-y-2 p-3">
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-2/3" />
          </div>
        ) : results.error ? (
          <Text size="small" className="text-ui-fg-error p-3" role="alert">
            {errorMessage(results.error)}
          </Text>
        ) : results.data?.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted p-3">
            No matches for “{debounced}”.
          </Text>
        ) : (
          results.data?.map((option) => {
            const checkboxId = `${id}-${option.id}`
            return (
              <div key={option.id} className="hover:bg-ui-bg-base-hover flex items-center gap-x-3 px-3 py-2">
                <Checkbox
                  id={checkboxId}
                  checked={selected.includes(option.id)}
                  onCheckedChange={(checked) => toggle(option.id, checked === true)}
                />
                <Label htmlFor={checkboxId} size="small" className="flex-1 cursor-pointer">
                  {option.label}
                  {option.description && <span className="text-ui-fg-muted"> · {option.description}</span>}
                </Label>
              </div>
            )
          })
        )}
      </div>
      {error && (
        <Text size="small" className="text-ui-fg-error" role="alert">
          {error}
        </Text>
      )}
    </div>
  )
}
