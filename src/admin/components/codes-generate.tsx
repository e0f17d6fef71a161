/** Generating a batch of serial codes, with the batch's progress. */
import { Button, Container, Heading, Hint, Input, Label, StatusBadge, Text, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { fieldErrorsOf, type FieldErrors } from "../lib/field-errors"
import { errorMessage, formatNumber } from "../lib/format"
import { couponKeys, useCodeBatch, useGenerateCodes } from "../lib/queries"
import { ProgressBar } from "./progress-bar"

const GENERATE_FIELDS = ["quantity", "prefix", "length"] as const

export const GenerateCodes = ({ couponId }: { couponId: string }) => {
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
      setErrors(fieldErrorsOf(error, GENERATE_FIELDS))
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
