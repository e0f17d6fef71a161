/*
 * The Codes tab of a coupon: generate, import and the searchable code list share one
 * batch state (the progress bar follows the batch either made), so they stay in one file;
 * the download button is its own component.
 */
import { ArrowUpTray } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  Heading,
  Hint,
  Input,
  Label,
  StatusBadge,
  Text,
  toast,
  clx,
} from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useEffect, useRef, useState } from "react"
import { Link } from "react-router-dom"
import { fieldErrorsOf, type FieldErrors } from "../lib/field-errors"
import { errorMessage, formatDate, formatNumber } from "../lib/format"
import { usePagedDataTable, usePaging } from "../lib/paging"
import { couponKeys, useCodeBatch, useCouponCodes, useGenerateCodes, useImportCodes } from "../lib/queries"
import type { SerialCode } from "../lib/types"
import { DownloadCodes } from "./codes-download"
import { PagedTable } from "./paged-table"
import { ProgressBar } from "./progress-bar"
import { ErrorState } from "./states"

/** The Codes tab: generate a batch (with its progress), import a CSV, and the list of codes. */
export const CodesSection = ({ couponId }: { couponId: string }) => (
  <div className="flex flex-col gap-y-3">
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
      <GenerateCodes couponId={couponId} />
      <ImportCodes couponId={couponId} />
    </div>
    <CodesTable couponId={couponId} />
  </div>
)

const GENERATE_FIELDS = ["quantity", "prefix", "length"] as const

const GenerateCodes = ({ couponId }: { couponId: string }) => {
  const client = useQueryClient()
  const [quantity, setQuantity] = useState("1000")
  const [prefix, setPrefix] = useState("")
  const [length, setLength] = useState("")
  const [errors, setErrors] = useState<FieldErrors>({})
  const [batchId, setBatchId] = useState<string | null>(null)
  const generate = useGenerateCodes(couponId)
  const batch = useCodeBatch(couponId, batchId)
  const status = batch.data?.status

  useEffect(() => {
    if (status === "done") {
      toast.success(`${formatNumber(batch.data!.created)} codes generated`)
      client.invalidateQueries({ queryKey: couponKeys.detail(couponId) })
    }
    if (status === "failed") toast.error(`Code generation failed: ${batch.data?.error ?? "unknown error"}`)
  }, [status])

  const running = Boolean(batchId) && status !== "done" && status !== "failed"

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setErrors({})
    const num = (v: string) => (v.trim() === "" ? undefined : Number(v))
    try {
      const created = await generate.mutateAsync({
        quantity: num(quantity) as number,
        ...(prefix.trim() ? { prefix: prefix.trim() } : {}),
        ...(length.trim() ? { length: num(length) } : {}),
      })
      setBatchId(created.id)
    } catch (error) {
      setErrors(fieldErrorsOf(errorMessage(error), GENERATE_FIELDS))
    }
  }

  return (
    <Container className="flex flex-col gap-y-4 px-6 py-4">
      <div>
        <Heading level="h3">Generate codes</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          One-time codes from a cryptographic random source, without look-alike characters.
        </Text>
      </div>
      <form onSubmit={submit} className="grid grid-cols-3 gap-3" noValidate>
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus" htmlFor="codes-quantity">
            Quantity
          </Label>
          <Input id="codes-quantity" type="number" inputMode="numeric" min={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} aria-invalid={Boolean(errors.quantity)} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus" htmlFor="codes-prefix">
            Prefix
          </Label>
          <Input id="codes-prefix" value={prefix} placeholder="Optional" onChange={(e) => setPrefix(e.target.value.toUpperCase())} aria-invalid={Boolean(errors.prefix)} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" weight="plus" htmlFor="codes-length">
            Length
          </Label>
          <Input id="codes-length" type="number" inputMode="numeric" value={length} placeholder="Automatic" onChange={(e) => setLength(e.target.value)} aria-invalid={Boolean(errors.length)} />
        </div>
        {(errors.quantity || errors.prefix || errors.length || errors.form) && (
          <Hint variant="error" className="col-span-3" role="alert">
            {errors.quantity ?? errors.prefix ?? errors.length ?? errors.form}
          </Hint>
        )}
        <div className="col-span-3 flex justify-end">
          <Button size="small" variant="secondary" type="submit" isLoading={generate.isPending} disabled={running}>
            Generate
          </Button>
        </div>
      </form>
      {batchId && (
        <div className="flex flex-col gap-y-2" data-testid="code-batch" data-status={status ?? "pending"}>
          <ProgressBar
            label="Code generation"
            value={batch.data?.created ?? 0}
            max={batch.data?.requested ?? Math.max(1, Number(quantity) || 1)}
            tone={status === "failed" ? "error" : status === "done" ? "success" : "interactive"}
          />
          <div className="flex items-center justify-between">
            <Text size="small" className="text-ui-fg-subtle" aria-live="polite" data-testid="code-batch-text">
              {batch.error
                ? `Could not read the progress: ${errorMessage(batch.error)}`
                : status === "done"
                  ? `Done: ${formatNumber(batch.data!.created)} of ${formatNumber(batch.data!.requested)} codes`
                  : status === "failed"
                    ? `Failed after ${formatNumber(batch.data!.created)} codes: ${batch.data!.error ?? ""}`
                    : `Generating… ${formatNumber(batch.data?.created ?? 0)} of ${formatNumber(batch.data?.requested ?? Number(quantity))}`}
            </Text>
            <BatchBadge status={status} />
          </div>
        </div>
      )}
    </Container>
  )
}

const BatchBadge = ({ status }: { status?: string }) => {
  const map: Record<string, { label: string; color: "grey" | "blue" | "green" | "red" }> = {
    pending: { label: "Waiting", color: "grey" },
    running: { label: "Running", color: "blue" },
    done: { label: "Done", color: "green" },
    failed: { label: "Failed", color: "red" },
  }
  const { label, color } = map[status ?? "pending"]
  return <StatusBadge color={color}>{label}</StatusBadge>
}

/** "The file was not imported, nothing was saved. 2 rows have …; 1 row repeats …." → one line per kind of problem. */
function importProblems(message: string): string[] {
  const body = message.replace(/^The file was not imported, nothing was saved\.\s*/, "")
  if (body === message) return [message]
  // Each kind of problem starts with its row count ("1 row has…", "2,000 rows repeat…").
  return body.replace(/\.$/, "").split(/; (?=[\d,]+ rows? )/)
}

const ImportCodes = ({ couponId }: { couponId: string }) => {
  const client = useQueryClient()
  const importCodes = useImportCodes(couponId)
  const inputRef = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [problems, setProblems] = useState<string[]>([])
  const [result, setResult] = useState<string | null>(null)

  const upload = async (file: File | undefined) => {
    if (!file) return
    setProblems([])
    setResult(null)
    try {
      const batch = await importCodes.mutateAsync(file)
      setResult(`${formatNumber(batch.created)} codes imported from ${file.name}`)
      toast.success(`${formatNumber(batch.created)} codes imported`)
      client.invalidateQueries({ queryKey: couponKeys.detail(couponId) })
    } catch (error) {
      setProblems(importProblems(errorMessage(error)))
    }
  }

  return (
    <Container className="flex flex-col gap-y-4 px-6 py-4">
      <div>
        <Heading level="h3">Import codes</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          A CSV file with one column and a header row, under 10 MB. All or nothing: a bad row rejects the file.
        </Text>
      </div>
      <div
        data-testid="codes-dropzone"
        onDragOver={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault()
          setDragging(false)
          upload(e.dataTransfer.files?.[0])
        }}
        className={clx(
          "flex flex-col items-center justify-center gap-y-2 rounded-lg border border-dashed px-4 py-6 text-center",
          dragging ? "border-ui-border-interactive bg-ui-bg-highlight" : "border-ui-border-strong bg-ui-bg-component"
        )}
      >
        <ArrowUpTray className="text-ui-fg-subtle" />
        <Text size="small" className="text-ui-fg-subtle">
          Drop a CSV file here, or
        </Text>
        <Button size="small" variant="secondary" type="button" isLoading={importCodes.isPending} onClick={() => inputRef.current?.click()}>
          Choose file
        </Button>
        <input
          ref={inputRef}
          type="file"
          accept=".csv,text/csv"
          className="sr-only"
          tabIndex={-1}
          aria-label="CSV file of codes"
          data-testid="codes-file-input"
          onChange={(e) => {
            upload(e.target.files?.[0])
            e.target.value = ""
          }}
        />
      </div>
      {result && (
        <Text size="small" className="text-ui-fg-subtle" role="status">
          {result}
        </Text>
      )}
      {problems.length > 0 && (
        <div role="alert" data-testid="import-errors" className="flex flex-col gap-y-1">
          <Text size="small" weight="plus" className="text-ui-fg-error">
            The file was not imported; nothing was saved.
          </Text>
          <ul className="text-ui-fg-error txt-compact-small list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </Container>
  )
}

const CODE_STATE: Record<string, { label: string; color: "green" | "blue" | "grey" }> = {
  available: { label: "Available", color: "green" },
  assigned: { label: "In a wallet", color: "blue" },
  held_by_contact: { label: "Held by a contact", color: "blue" },
  used: { label: "Used", color: "grey" },
}

const columnHelper = createDataTableColumnHelper<SerialCode>()

const codeColumns = [
  columnHelper.accessor("code", {
    header: "Code",
    cell: ({ getValue }) => <span className="font-mono">{getValue()}</span>,
  }),
  columnHelper.accessor("state", {
    header: "State",
    cell: ({ getValue }) => {
      const state = CODE_STATE[getValue() ?? ""] ?? { label: getValue() ?? "-", color: "grey" as const }
      return <StatusBadge color={state.color}>{state.label}</StatusBadge>
    },
  }),
  columnHelper.display({
    id: "uses",
    header: "Uses",
    cell: ({ row }) => `${formatNumber(row.original.usage_count ?? 0)} / ${formatNumber(row.original.max_uses ?? 1)}`,
  }),
  columnHelper.accessor("customer_id", {
    header: "Wallet of",
    cell: ({ getValue }) => {
      const id = getValue()
      return id ? (
        <Link to={`/customers/${id}`} className="text-ui-fg-interactive hover:underline" onClick={(e) => e.stopPropagation()}>
          {id}
        </Link>
      ) : (
        "-"
      )
    },
  }),
  columnHelper.accessor("contact", {
    header: "Campaign contact",
    cell: ({ getValue }) => getValue() ?? "-",
  }),
  columnHelper.accessor("created_at", {
    header: "Added",
    cell: ({ getValue }) => formatDate(getValue() as string | undefined),
  }),
]

const CODES_PAGE = 20

const CodesTable = ({ couponId }: { couponId: string }) => {
  const [q, setQ] = useState("")
  const page = usePaging(CODES_PAGE)
  const { data, isLoading, error, refetch } = useCouponCodes(couponId, {
    q: q || undefined,
    limit: page.limit,
    offset: page.offset,
  })
  const table = usePagedDataTable(page, {
    data: data?.codes ?? [],
    count: data?.count,
    columns: codeColumns,
    isLoading,
    search: { state: q, onSearchChange: setQ },
  })
  if (error) return <ErrorState title="Could not load the codes" error={error} onRetry={() => refetch()} />
  return (
    <Container className="divide-y p-0" data-testid="codes-table">
      <PagedTable
        table={table}
        emptyState={{
          empty: { heading: "No serial codes", description: "Generate codes or import a CSV file above." },
          filtered: { heading: "No codes start with that", description: "Codes are searched by their beginning." },
        }}
      >
        <DataTable.Toolbar className="flex items-center justify-between gap-2">
          <div>
            <Heading level="h3">Serial codes</Heading>
            <Text size="small" className="text-ui-fg-subtle" data-testid="codes-count">
              {formatNumber(data?.count ?? 0)} {q ? `starting with ${q.toUpperCase()}` : "in total"}
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            <DataTable.Search placeholder="Codes starting with…" />
            <DownloadCodes couponId={couponId} q={q} />
          </div>
        </DataTable.Toolbar>
      </PagedTable>
    </Container>
  )
}

