/*
 * Importing serial codes from a CSV file in SQL (docs/rules.md §5): all or nothing in the
 * caller's transaction, with the rows at fault as data when the file is refused.
 */
import { MedusaError } from "@medusajs/framework/utils"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { from as copyFrom } from "pg-copy-streams"
import { refuse } from "./errors"
import { CodeImportRefused, CodeRow, importProblemList, importProblemsMessage, ImportProblems, MAX_REPORTED_ROWS } from "./lib/code-import"
import { entityIdRun, entityIds } from "./lib/entity-id"
import { codesOfStrings, copyCodes } from "./code-copy"
import { BATCH_COLUMNS, CodeBatchRow, pgClientOf, sharedCodesAmong, UNIQUE_VIOLATION } from "./serial-code-queries"
import type { Sql } from "./sql-handle"

/** Codes written with one COPY, sorted: the index pages they land on are the ones just written. */
const IMPORT_CHUNK = 50_000

/**
 * Imports a CSV file's codes into a coupon, all or nothing, inside the
 * caller's transaction, with a `done` batch. A good file is read once: its
 * rows are checked for format as they stream, and every 50,000 codes are
 * sorted and written with COPY straight into coupon_code (ids ascending in
 * that order), while the next ones are read. The unique code index refuses
 * a code repeated in the file or already a serial code, and each chunk is
 * checked against coupons' shared codes. At the first problem everything
 * written is rolled back and the file is read again (`open`) into a
 * temporary table, where SQL finds the rows at fault: the whole file is
 * refused with their row numbers (first 100 of each kind) and nothing is
 * written.
 */
export async function importCodes(
  trx: Sql,
  input: { coupon_id: string; open: () => AsyncIterable<CodeRow[]> }
): Promise<CodeBatchRow> {
  const pg = await pgClientOf(trx)
  const [batchId] = entityIds("cbatch", 1)
  const idRun = entityIdRun("ccode")
  const owner = { coupon_id: input.coupon_id, batch_id: batchId }
  let written = 0
  let rowsRead = 0
  let problem = false
  await pg.query("SAVEPOINT coupon_code_import")
  const write = async (codes: string[]) => {
    codes.sort()
    if ((await sharedCodesAmong(pg, codes)).length) return void (problem = true)
    try {
      await copyCodes(pg, codesOfStrings(codes), owner, { run: idRun, first: written })
      written += codes.length
    } catch (error: any) {
      if (error?.code !== UNIQUE_VIOLATION) throw error
      problem = true
    }
  }
  let writing: Promise<void> = Promise.resolve()
  let chunk: string[] = []
  try {
    for await (const batch of input.open()) {
      rowsRead += batch.length
      if (batch.some((row) => row.error)) problem = true
      if (problem) break
      for (const row of batch) chunk.push(row.code)
      if (chunk.length < IMPORT_CHUNK) continue
      // One chunk written while the next is read.
      await writing
      if (problem) break
      writing = write(chunk)
      chunk = []
    }
    await writing
    if (!problem && chunk.length) await write(chunk)
  } catch (error) {
    // A failed COPY leaves the transaction aborted until it is rolled back to the savepoint.
    await writing.catch(() => undefined)
    await pg.query("ROLLBACK TO SAVEPOINT coupon_code_import").catch(() => undefined)
    if (error instanceof CodeImportRefused) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    throw error
  }
  if (problem) {
    await pg.query("ROLLBACK TO SAVEPOINT coupon_code_import")
    throw await importRefusal(pg, input.open())
  }
  if (rowsRead === 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "The file has no codes below its header row; nothing was imported."
    )
  }
  await pg.query("RELEASE SAVEPOINT coupon_code_import")
  const {
    rows: [batch],
  } = await pg.query(
    `INSERT INTO coupon_code_batch (id, source, status, requested, created, coupon_id)
     VALUES ($1, 'import', 'done', $2, $2, $3)
     RETURNING ${BATCH_COLUMNS}`,
    [batchId, written, input.coupon_id]
  )
  return batch
}

/**
 * The refusal of a file found at fault while it was written: its rows are
 * read again into a temporary table (COPY, format checked as they stream),
 * where SQL finds those repeating an earlier row or taking an existing code.
 */
async function importRefusal(pg: any, rows: AsyncIterable<CodeRow[]>): Promise<Error> {
  await pg.query(
    `CREATE TEMPORARY TABLE coupon_code_import (row_number integer NOT NULL, code text COLLATE "C" NOT NULL) ON COMMIT DROP`
  )
  const invalid: ImportProblems["invalid"] = { rows: [], total: 0 }
  async function* copyText() {
    for await (const batch of rows) {
      let text = ""
      for (const row of batch) {
        if (!row.error) {
          // Valid codes are [A-Z0-9_-] only: nothing to escape in COPY's text format.
          text += `${row.row}\t${row.code}\n`
          continue
        }
        invalid.total += 1
        if (invalid.rows.length < MAX_REPORTED_ROWS) invalid.rows.push({ row: row.row, reason: row.error })
      }
      if (text) yield text
    }
  }
  // One chunk in flight: chunks waiting in a buffer would outlive the
  // young generation and pile up as old garbage (RSS growing with the file).
  await pipeline(Readable.from(copyText(), { highWaterMark: 1 }), pg.query(copyFrom("COPY coupon_code_import (row_number, code) FROM STDIN")))
  // A temporary table has no statistics until analyzed; the queries below join it with large tables.
  await pg.query("ANALYZE coupon_code_import")
  const problems = { invalid, ...(await importConflicts(pg)) }
  const message = importProblemsMessage(problems)
  if (!message) {
    return refuse(
      "conflict",
      "A code of this file was created by another request while the file was imported; nothing was imported. Try again.",
      undefined,
      MedusaError.Types.INVALID_DATA
    )
  }
  return refuse("invalid_data", message, { problems: importProblemList(problems) })
}

/**
 * The rows of an import that repeat a code of an earlier row, and those
 * whose code exists already (a live serial code or coupon's shared code):
 * the first 100 of each with the total.
 */
async function importConflicts(pg: any): Promise<Pick<ImportProblems, "repeated" | "taken">> {
  const repeatedRows = await pg.query(
    `SELECT row_number AS row, code, first_row, count(*) OVER () AS total
     FROM (SELECT row_number, code, min(row_number) OVER (PARTITION BY code) AS first_row FROM coupon_code_import) numbered
     WHERE row_number <> first_row
     ORDER BY row_number LIMIT ${MAX_REPORTED_ROWS}`
  )
  const takenRows = await pg.query(
    `SELECT i.row_number AS row, i.code, count(*) OVER () AS total
     FROM coupon_code_import i
     WHERE EXISTS (SELECT 1 FROM coupon_code c WHERE c.code = i.code AND c.deleted_at IS NULL)
        OR EXISTS (SELECT 1 FROM coupon p WHERE p.code = i.code COLLATE "default" AND p.deleted_at IS NULL)
     ORDER BY i.row_number LIMIT ${MAX_REPORTED_ROWS}`
  )
  // The window count rides on every row; the report carries it once per kind.
  const kind = <R,>(rows: (R & { total: string })[]) => ({
    rows: rows.map(({ total: _total, ...row }) => row as R),
    total: rows.length ? Number(rows[0].total) : 0,
  })
  return {
    repeated: kind<{ row: number; code: string; first_row: number }>(repeatedRows.rows),
    taken: kind<{ row: number; code: string }>(takenRows.rows),
  }
}
