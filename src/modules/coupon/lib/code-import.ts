import { parse } from "csv-parse"
import type { Readable } from "node:stream"
import { codeFormatError, normalizeCode } from "./code-generation"

/**
 * Serial-code import from a CSV file (rules §5): one column, a header row
 * first, under 10 MB, each code up to 16 characters, all or nothing.
 */

/** Rules §5 say "under 10 MB": decimal megabytes, so 10,000,000 bytes is the most accepted. */
export const MAX_IMPORT_BYTES = 10_000_000

/** How many row numbers of each kind of problem a refusal lists. */
export const MAX_REPORTED_ROWS = 100

/** A refusal of the whole file, with a message for the person who made it. */
export class CodeImportRefused extends Error {}

export function importTooLargeMessage(): string {
  return `The CSV file is larger than 10 MB (${formatCount(MAX_IMPORT_BYTES)} bytes); nothing was imported. Split it into smaller files.`
}

/**
 * One data row: `row` is its line number in the file as a spreadsheet shows
 * it (the header is row 1), `code` is normalized (trimmed, upper case), and
 * `error` says what is wrong with it, or is null.
 */
export type CodeRow = { row: number; code: string; error: string | null }

/** Rows handed over at a time: one await per batch, not per row. */
const BATCH_ROWS = 1_000

/**
 * Streams the rows of a one-column CSV file below its header, in file order,
 * a batch at a time. Memory stays flat whatever the file size. Empty lines
 * are skipped; a row with more than one column is an error of that row; a
 * file that is not valid CSV (an unclosed quote…) is refused as a whole.
 *
 * Row numbers are counted here rather than with csv-parse's `info` option,
 * which copies an object per record and made parsing several times slower:
 * every line is one record (empty lines included), plus the line breaks
 * inside a quoted value.
 */
export async function* readCodeRows(source: Readable): AsyncGenerator<CodeRow[]> {
  const parser = parse({
    bom: true,
    // Files edited on several systems mix line endings; row numbers must stay right.
    record_delimiter: ["\r\n", "\n", "\r"],
    // A stray quote inside a code is that row's error, not an unreadable file.
    relax_quotes: true,
    relax_column_count: true,
  })
  source.on("error", (error) => parser.destroy(error))
  source.pipe(parser)
  let header = true
  let line = 0
  const toRow = (record: string[]): CodeRow | undefined => {
    const row = line + 1
    line = row + record.reduce((breaks, value) => breaks + lineBreaks(value), 0)
    if (record.every((value) => value.trim() === "")) return undefined
    if (header) {
      header = false
      if (record.length > 1) {
        throw new CodeImportRefused(
          `The file must have one column of codes; its header row has ${record.length} columns. Nothing was imported.`
        )
      }
      return undefined
    }
    const code = normalizeCode(record[0])
    const error =
      record.length > 1 ? `it has ${record.length} columns; the file must have one column of codes.` : codeFormatError(code)
    return { row, code, error }
  }
  try {
    yield* inBatches(parser, BATCH_ROWS, toRow)
  } catch (error: any) {
    if (error instanceof CodeImportRefused) throw error
    if (error?.code?.startsWith?.("CSV_")) {
      throw new CodeImportRefused(
        `The file is not a valid CSV file${error.lines ? ` (row ${error.lines})` : ""}: ${error.message}. Nothing was imported.`
      )
    }
    throw error
  } finally {
    // Also when the reader stops early (an import refused at its first problem): the file is closed.
    source.unpipe(parser)
    parser.destroy()
    source.destroy()
  }
}

/**
 * The items of an object stream, turned by `map` (undefined = skip) and
 * handed over in arrays of up to `size`. Items are read through `data`
 * events, and the stream is paused while a batch is handled: iterating the
 * stream itself costs a promise per item (ten times slower on a 10 MB file
 * of short lines), and skipped items (empty lines) die at once instead of
 * waiting in a buffer long enough to reach V8's old generation.
 */
async function* inBatches<T, R>(stream: Readable, size: number, map: (item: T) => R | undefined): AsyncGenerator<R[]> {
  let batch: R[] = []
  let ended = false
  let failure: unknown = null
  let wake: (() => void) | null = null
  const notify = () => {
    const resume = wake
    wake = null
    resume?.()
  }
  const fail = (error: unknown) => {
    if (failure === null) failure = error
    notify()
  }
  stream.on("data", (item: T) => {
    if (failure !== null) return
    let mapped: R | undefined
    try {
      mapped = map(item)
    } catch (error) {
      stream.pause()
      return fail(error)
    }
    if (mapped === undefined) return
    batch.push(mapped)
    if (batch.length >= size) {
      stream.pause()
      notify()
    }
  })
  stream.once("end", () => {
    ended = true
    notify()
  })
  stream.once("error", fail)
  for (;;) {
    if (failure === null && !ended && batch.length < size) {
      await new Promise<void>((resolve) => (wake = resolve))
    }
    if (failure !== null) throw failure
    if (batch.length) {
      const ready = batch
      batch = []
      yield ready
    }
    if (ended) {
      if (batch.length) yield batch
      return
    }
    stream.resume()
  }
}

function lineBreaks(value: string): number {
  if (!value.includes("\n") && !value.includes("\r")) return 0
  return value.match(/\r\n|\r|\n/g)!.length
}

export type ImportProblems = {
  /** Rows whose code is malformed, first ones first. */
  invalid: { rows: { row: number; reason: string }[]; total: number }
  /** Rows repeating a code of an earlier row of the same file. */
  repeated: { rows: { row: number; code: string; first_row: number }[]; total: number }
  /** Rows whose code already exists (a serial code or a coupon's shared code). */
  taken: { rows: { row: number; code: string }[]; total: number }
}

/** One kind of problem of a refused file, as data: what the import report lists, one line each. */
export type ImportProblem =
  | { kind: "invalid"; message: string } & ImportProblems["invalid"]
  | { kind: "repeated"; message: string } & ImportProblems["repeated"]
  | { kind: "taken"; message: string } & ImportProblems["taken"]

/** Every kind of problem the file has (none when it can be imported), each with its rows and a sentence naming them. */
export function importProblemList(problems: ImportProblems): ImportProblem[] {
  const list: ImportProblem[] = []
  const { invalid, repeated, taken } = problems
  if (invalid.total) {
    const [first] = invalid.rows
    list.push({
      kind: "invalid",
      ...invalid,
      message:
        `${plural(invalid.total, "row has", "rows have")} an invalid code: ${rowList(invalid.rows, invalid.total)} ` +
        `(row ${first.row}: ${first.reason})`,
    })
  }
  if (repeated.total) {
    const [first] = repeated.rows
    list.push({
      kind: "repeated",
      ...repeated,
      message:
        `${plural(repeated.total, "row repeats", "rows repeat")} a code of an earlier row: ${rowList(repeated.rows, repeated.total)} ` +
        `(row ${first.row}: ${first.code} is also in row ${first.first_row})`,
    })
  }
  if (taken.total) {
    const [first] = taken.rows
    list.push({
      kind: "taken",
      ...taken,
      message:
        `${plural(taken.total, "row has a code that already exists", "rows have codes that already exist")}: ` +
        `${rowList(taken.rows, taken.total)} (row ${first.row}: ${first.code})`,
    })
  }
  return list
}

/** Null when the file can be imported, else one message naming every kind of problem and its rows. */
export function importProblemsMessage(problems: ImportProblems): string | null {
  const parts = importProblemList(problems).map((problem) => problem.message)
  return parts.length ? `The file was not imported, nothing was saved. ${parts.join("; ")}.` : null
}

function rowList(rows: { row: number }[], total: number): string {
  const listed = rows.slice(0, MAX_REPORTED_ROWS).map((r) => r.row)
  const more = total > listed.length ? ` and ${formatCount(total - listed.length)} more` : ""
  return `${listed.length === 1 ? "row" : "rows"} ${listed.join(", ")}${more}`
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `1 ${one}` : `${formatCount(count)} ${many}`
}

function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",")
}
