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
import { entityIdRun, entityIdSql, entityIds } from "./lib/entity-id"
import { BATCH_COLUMNS, CodeBatchRow, pgClientOf, UNIQUE_VIOLATION } from "./serial-code-queries"
import type { Sql } from "./sql-handle"

/**
 * Imports a CSV file's codes into a coupon, all or nothing, inside the
 * caller's transaction: rows are streamed (COPY) into a temporary table
 * while each is checked for format, then one INSERT … SELECT writes every
 * code (in code order, which keeps the pages of the code indexes together)
 * with a `done` batch. The unique code index refuses a code repeated in the
 * file or already a serial code; only then (or when rows were invalid) does
 * SQL look for the row numbers at fault, so a good file pays no extra
 * pass. Any problem refuses the whole file with the row numbers (first 100
 * of each kind) and nothing is written.
 */
export async function importCodes(
  trx: Sql,
  input: { coupon_id: string; rows: AsyncIterable<CodeRow[]> }
): Promise<CodeBatchRow> {
  const pg = await pgClientOf(trx)
  await pg.query(
    `CREATE TEMPORARY TABLE coupon_code_import (row_number integer NOT NULL, code text COLLATE "C" NOT NULL) ON COMMIT DROP`
  )
  const invalid: ImportProblems["invalid"] = { rows: [], total: 0 }
  let valid = 0

  async function* copyText() {
    for await (const batch of input.rows) {
      const rows = batch.filter((row) => {
        if (!row.error) return true
        invalid.total += 1
        if (invalid.rows.length < MAX_REPORTED_ROWS) invalid.rows.push({ row: row.row, reason: row.error })
        return false
      })
      if (!rows.length) continue
      valid += rows.length
      let text = ""
      // Valid codes are [A-Z0-9_-] only: nothing to escape in COPY's text format.
      for (let i = 0; i < rows.length; i++) text += `${rows[i].row}\t${rows[i].code}\n`
      yield text
    }
  }

  try {
    await pipeline(
      // One chunk in flight: chunks waiting in a buffer would outlive the
      // young generation and pile up as old garbage (RSS growing with the file).
      Readable.from(copyText(), { highWaterMark: 1 }),
      pg.query(copyFrom("COPY coupon_code_import (row_number, code) FROM STDIN"))
    )
  } catch (error) {
    if (error instanceof CodeImportRefused) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    throw error
  }

  if (valid + invalid.total === 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "The file has no codes below its header row; nothing was imported."
    )
  }
  // A temporary table has no statistics until analyzed; the queries below join it with large tables.
  await pg.query("ANALYZE coupon_code_import")
  // The rows at fault as data too (details.problems), so the import report needs no message parsing.
  const refuseFile = async () => {
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
  if (invalid.total) throw await refuseFile()
  // The unique index on coupon_code does not see coupons' shared codes; these are few.
  const shared = await pg.query(
    `SELECT 1 FROM coupon_code_import i JOIN coupon p ON p.code = i.code COLLATE "default"
     WHERE p.deleted_at IS NULL LIMIT 1`
  )
  if (shared.rowCount) throw await refuseFile()

  const [batchId] = entityIds("cbatch", 1)
  // Up to ~900,000 codes are sorted for the INSERT: in memory (about 60 MB
  // for this transaction only) rather than in temporary files.
  await pg.query("SET LOCAL work_mem = '64MB'")
  await pg.query("SAVEPOINT coupon_code_import")
  try {
    const {
      rows: [batch],
    } = await pg.query(
      `INSERT INTO coupon_code_batch (id, source, status, requested, created, coupon_id)
       VALUES ($1, 'import', 'done', $2, $2, $3)
       RETURNING ${BATCH_COLUMNS}`,
      [batchId, valid, input.coupon_id]
    )
    // Ids are given in code order too (one run, ascending), so the primary
    // key grows at its end rather than splitting pages all over.
    const id = entityIdSql(entityIdRun("ccode"), "row_number() OVER (ORDER BY code) - 1")
    await pg.query(
      `INSERT INTO coupon_code (id, code, coupon_id, batch_id)
       SELECT ${id}, code, $1, $2 FROM coupon_code_import ORDER BY code`,
      [input.coupon_id, batchId]
    )
    await pg.query("RELEASE SAVEPOINT coupon_code_import")
    return batch
  } catch (error: any) {
    if (error?.code !== UNIQUE_VIOLATION) throw error
    await pg.query("ROLLBACK TO SAVEPOINT coupon_code_import")
    throw await refuseFile()
  }
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
