/** Importing serial codes from a CSV file, all or nothing, with the rows at fault when refused. */
import { ArrowUpTray } from "@medusajs/icons"
import { Button, Container, Heading, Text, toast, clx } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useRef, useState } from "react"
import { detailsOf } from "../lib/request"
import { errorMessage, formatNumber } from "../lib/format"
import { couponKeys, useImportCodes } from "../lib/queries"

/**
 * One line per kind of problem of a refused file, from the refusal's
 * `details.problems` (docs/api.md); a refusal of the whole file (not CSV,
 * too large, no codes) is its message.
 */
function importProblems(error: unknown): string[] {
  const problems = detailsOf(error)?.problems
  if (!Array.isArray(problems) || !problems.length) return [errorMessage(error)]
  return problems.map((problem: { message: string }) => problem.message)
}

export const ImportCodes = ({ couponId }: { couponId: string }) => {
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
      setProblems(importProblems(error))
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
