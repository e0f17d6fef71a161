/*
 * The SQL of serial codes but their import (code-import-queries.ts): generation with COPY
 * (the writer in code-copy.ts), fixed serials, withdrawal, listing. Over 300 lines because
 * generation is one piece: the INSERT fallback, the shared-code filter, the batch's life
 * (start, add, finish, fail, resume) and the ANALYZE after bulk writes.
 */
import { MedusaError } from "@medusajs/framework/utils"
import { randomInt } from "node:crypto"
import { CodeRecords, codeRecordsToStrings } from "./lib/code-generation"
import { entityIdRun, entityIds } from "./lib/entity-id"
import { codesOfRecords, copyCodes, sharedCodesOfLengths } from "./code-copy"
import { CODE_CONTACT_SQL, CODE_STATE_SQL, type CodeState } from "./code-export-queries"
import type { Sql } from "./sql-handle"

/**
 * The SQL of serial codes (docs/rules.md §5), run by the coupon module service in
 * its transaction (`trx`, a knex transaction) or connection (`knex`).
 *
 * Codes are written set-based: COPY, falling back to one multi-row
 * `INSERT … SELECT unnest(…) ON CONFLICT DO NOTHING` when COPY meets a code
 * that exists already. Uniqueness among serial codes is the database's
 * (unique index on `coupon_code.code` of live rows); codes equal to a live
 * coupon's shared code are left out before writing.
 */

export type CodeBatchRow = {
  id: string
  coupon_id: string
  source: "generate" | "import"
  status: "pending" | "running" | "done" | "failed"
  requested: number
  created: number
  prefix: string | null
  length: number | null
  error: string | null
  created_at: Date
  updated_at: Date
}

/** A serial code as the admin API shows it (the same state and contact as the CSV export). */
const CODE_COLUMNS = `id, code, ${CODE_STATE_SQL} AS state,
  max_uses, usage_count, customer_id, batch_id, created_at, campaign_recipient_id, ${CODE_CONTACT_SQL} AS contact`

export const BATCH_COLUMNS = "id, coupon_id, source, status, requested, created, prefix, length, error, created_at, updated_at"

/** The pg client of a knex transaction: COPY and array parameters need the driver itself. */
export async function pgClientOf(trx: Sql) {
  return trx.client.acquireConnection()
}

export const UNIQUE_VIOLATION = "23505"

/** Of these codes, those that are a live coupon's shared code (see code-copy.ts). */
export async function sharedCodesAmong(pg: any, codes: string[]): Promise<string[]> {
  const shared = await sharedCodesOfLengths(pg, [...new Set(codes.map((code) => code.length))])
  return shared.size ? codes.filter((code) => shared.has(code)) : []
}

/**
 * Writes codes into coupon_code (a fresh id each, then the same coupon and
 * batch for every row); answers how many were written. COPY is tried first
 * under a savepoint; if a code turned out to be taken meanwhile, the chunk
 * is written again skipping the taken codes.
 */
async function writeCodes(pg: any, codes: CodeRecords, owner: { coupon_id: string; batch_id: string }): Promise<number> {
  if (!codes.count) return 0
  await pg.query("SAVEPOINT coupon_code_copy")
  try {
    await copyCodes(pg, codesOfRecords(codes), owner, { run: entityIdRun("ccode"), first: 0 })
    await pg.query("RELEASE SAVEPOINT coupon_code_copy")
    return codes.count
  } catch (error: any) {
    if (error?.code !== UNIQUE_VIOLATION) throw error
    await pg.query("ROLLBACK TO SAVEPOINT coupon_code_copy")
  }
  const result = await pg.query(
    `INSERT INTO coupon_code (id, code, coupon_id, batch_id)
     SELECT id, code, $3, $4 FROM unnest($1::text[], $2::text[]) AS new_code(id, code)
     ON CONFLICT DO NOTHING`,
    [entityIds("ccode", codes.count), codeRecordsToStrings(codes), owner.coupon_id, owner.batch_id]
  )
  return result.rowCount ?? 0
}

/**
 * Codes given as strings (of any lengths up to 16) as sorted records of
 * one width each: one group per length.
 */
function recordsOfStrings(codes: string[]): CodeRecords[] {
  const byLength = new Map<number, string[]>()
  for (const code of codes) {
    const group = byLength.get(code.length)
    if (group) group.push(code)
    else byLength.set(code.length, [code])
  }
  return [...byLength.entries()].map(([length, group]) => {
    const sorted = [...new Set(group)].sort()
    return { buffer: Buffer.from(sorted.join(""), "latin1"), length, count: sorted.length }
  })
}

/** `k` of the records, chosen uniformly at random (CSPRNG), still in order. */
function pickRecords(records: CodeRecords, k: number): CodeRecords {
  if (k >= records.count) return records
  const index = new Uint32Array(records.count)
  for (let i = 0; i < records.count; i++) index[i] = i
  for (let i = 0; i < k; i++) {
    const j = randomInt(i, records.count)
    const swap = index[i]
    index[i] = index[j]
    index[j] = swap
  }
  const chosen = index.subarray(0, k).sort()
  const buffer = Buffer.allocUnsafe(k * records.length)
  chosen.forEach((at, i) => records.buffer.copy(buffer, i * records.length, at * records.length, (at + 1) * records.length))
  return { buffer, length: records.length, count: k }
}

/** The records without the codes that are a live coupon's shared code (rare: coupons are few). */
async function withoutSharedCodes(pg: any, records: CodeRecords): Promise<CodeRecords> {
  if (!records.count) return records
  const shared = await sharedCodesOfLengths(pg, [records.length])
  if (!shared.size) return records
  const kept = codeRecordsToStrings(records).filter((code) => !shared.has(code))
  if (kept.length === records.count) return records
  return { buffer: Buffer.from(kept.join(""), "latin1"), length: records.length, count: kept.length }
}

/**
 * Marks a generation batch running and returns it; a batch already done or
 * failed (a repeated event) is returned unchanged, a missing one as null.
 */
export async function startCodeBatch(knex: Sql, batchId: string): Promise<CodeBatchRow | null> {
  const started = await knex.raw(
    `UPDATE coupon_code_batch SET status = 'running', updated_at = now()
     WHERE id = ? AND deleted_at IS NULL AND status IN ('pending', 'running')
     RETURNING ${BATCH_COLUMNS}`,
    [batchId]
  )
  if (started.rows[0]) return started.rows[0]
  const found = await knex.raw(`SELECT ${BATCH_COLUMNS} FROM coupon_code_batch WHERE id = ? AND deleted_at IS NULL`, [batchId])
  return found.rows[0] ?? null
}

/** Thrown inside a chunk's transaction to undo it: its batch stopped running or is full. */
export class CodeBatchClosed extends Error {
  constructor(readonly created: number, readonly requested: number) {
    super("The code batch is no longer running or already has its codes.")
  }
}

/**
 * Adds generated codes to a running batch, in one transaction with the
 * batch's `created`, so a poll always sees an exact count. Several chunks
 * may be written at once (the generation uses both cores of a small
 * server): the batch row is only locked by the closing UPDATE, which also
 * refuses to go past `requested` or to touch a batch that stopped running;
 * the chunk is then undone (CodeBatchClosed). Codes that are taken (by a
 * serial code or a coupon's shared code) are skipped; the caller generates
 * more until the batch is full. Codes are written in sorted order, which
 * keeps index pages of consecutive rows together. The generation passes
 * them as fixed-width records (drawSortedCodeRecords); strings are taken
 * too (any lengths) and put in that form.
 */
export async function addGeneratedCodes(
  trx: Sql,
  input: { batch_id: string; codes: CodeRecords | string[] }
): Promise<{ inserted: number; created: number; requested: number }> {
  const pg = await pgClientOf(trx)
  // A million codes are a hundred commits: none waits for its WAL flush.
  // A crash may lose the last chunks, never half of one (the batch's
  // `created` is in the same transaction), and the resume job redoes them.
  await pg.query("SET LOCAL synchronous_commit = off")
  const {
    rows: [batch],
  } = await pg.query(
    `SELECT coupon_id, status, requested, created FROM coupon_code_batch WHERE id = $1 AND deleted_at IS NULL`,
    [input.batch_id]
  )
  if (!batch || batch.status !== "running") {
    throw new CodeBatchClosed(batch?.created ?? 0, batch?.requested ?? 0)
  }
  let room = Math.max(batch.requested - batch.created, 0)
  let inserted = 0
  const owner = { coupon_id: batch.coupon_id, batch_id: input.batch_id }
  // Never more than the batch still needs (another writer may have filled
  // part of it): the first codes given as strings, a random choice of records
  // (which are in code order, so their first ones would not be random).
  const groups = Array.isArray(input.codes) ? recordsOfStrings(input.codes.slice(0, room)) : [pickRecords(input.codes, room)]
  for (const group of groups) {
    const codes = await withoutSharedCodes(pg, group)
    const written = await writeCodes(pg, codes, owner)
    inserted += written
    room -= written
  }
  const {
    rows: [updated],
  } = await pg.query(
    `UPDATE coupon_code_batch SET created = created + $2, updated_at = now()
     WHERE id = $1 AND status = 'running' AND deleted_at IS NULL
     RETURNING created, requested`,
    [input.batch_id, inserted]
  )
  if (!updated) throw new CodeBatchClosed(batch.created, batch.requested)
  if (updated.created > updated.requested) {
    throw new CodeBatchClosed(updated.created - inserted, updated.requested)
  }
  return { inserted, created: updated.created, requested: updated.requested }
}

/** A running batch that has all its codes becomes done. */
export async function finishCodeBatch(knex: Sql, batchId: string): Promise<CodeBatchRow> {
  const result = await knex.raw(
    `UPDATE coupon_code_batch SET status = 'done', error = NULL, updated_at = now()
     WHERE id = ? AND status = 'running' AND created >= requested
     RETURNING ${BATCH_COLUMNS}`,
    [batchId]
  )
  if (result.rows[0]) return result.rows[0]
  const found = await knex.raw(`SELECT ${BATCH_COLUMNS} FROM coupon_code_batch WHERE id = ?`, [batchId])
  return found.rows[0]
}

/**
 * Codes written at once from which PostgreSQL's statistics are refreshed
 * straight away. Until autovacuum gets to a table that just grew by a
 * million rows, the planner believes a coupon has a handful of codes and
 * answers a prefix search by reading all of them (200 ms instead of 1 ms).
 */
const ANALYZE_AFTER_CODES = 10_000

/**
 * Refreshes coupon_code's planner statistics after a bulk write of `added`
 * codes, and summarises the new pages in its BRIN index on coupon and batch
 * (Migration20261203090000): autovacuum would summarise them too, but until
 * then every lookup by coupon reads those pages.
 */
export async function analyzeCodesAfterBulkWrite(knex: Sql, added: number): Promise<void> {
  if (added < ANALYZE_AFTER_CODES) return
  await knex.raw(`SELECT brin_summarize_new_values('"IDX_coupon_code_coupon_batch_brin"'::regclass)`)
  await knex.raw("ANALYZE coupon_code")
}

/**
 * The codes of batch `?` (bound twice): named with the batch's coupon too,
 * which the BRIN index on (coupon_id, batch_id) reads with it.
 */
const OF_BATCH = `coupon_id = (SELECT coupon_id FROM coupon_code_batch WHERE id = ?) AND batch_id = ?`

/**
 * A batch that did not finish gives its codes back (all of them but those
 * already handed to a wallet or a campaign contact or used, which stay and
 * are counted) and says
 * why it failed.
 */
export async function failCodeBatch(trx: Sql, batchId: string, error: string): Promise<void> {
  await trx.raw(
    `UPDATE coupon_code SET deleted_at = now(), updated_at = now()
     WHERE ${OF_BATCH} AND deleted_at IS NULL AND usage_count = 0 AND customer_id IS NULL AND campaign_recipient_id IS NULL`,
    [batchId, batchId]
  )
  await trx.raw(
    `UPDATE coupon_code_batch SET status = 'failed', error = ?, updated_at = now(),
       created = (SELECT count(*) FROM coupon_code WHERE ${OF_BATCH} AND deleted_at IS NULL)
     WHERE id = ?`,
    [error, batchId, batchId, batchId]
  )
}

/** Batches a worker may have dropped: pending or running, untouched for `staleSeconds`. */
export async function staleCodeBatchIds(knex: Sql, staleSeconds: number): Promise<string[]> {
  const result = await knex.raw(
    `SELECT id FROM coupon_code_batch
     WHERE deleted_at IS NULL AND source = 'generate' AND status IN ('pending', 'running')
       AND updated_at < now() - make_interval(secs => ?)
     ORDER BY created_at`,
    [staleSeconds]
  )
  return result.rows.map((r: { id: string }) => r.id)
}

/**
 * A fixed serial (rules §5): one code usable `max_uses` times, in a batch of
 * its own. Refused when the code is taken by a live serial code or coupon.
 */
export async function createFixedSerial(
  trx: Sql,
  input: { coupon_id: string; code: string; max_uses: number }
): Promise<{ batch: CodeBatchRow; code: SerialCodeRow }> {
  const pg = await pgClientOf(trx)
  if ((await sharedCodesAmong(pg, [input.code])).length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Code ${input.code} is already a coupon's code (codes are case-insensitive). Choose another code.`
    )
  }
  const [batchId] = entityIds("cbatch", 1)
  const [codeId] = entityIds("ccode", 1)
  const {
    rows: [batch],
  } = await pg.query(
    `INSERT INTO coupon_code_batch (id, source, status, requested, created, coupon_id)
     VALUES ($1, 'import', 'done', 1, 1, $2)
     RETURNING ${BATCH_COLUMNS}`,
    [batchId, input.coupon_id]
  )
  const inserted = await pg.query(
    `INSERT INTO coupon_code (id, code, max_uses, coupon_id, batch_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING
     RETURNING ${CODE_COLUMNS}`,
    [codeId, input.code, input.max_uses, input.coupon_id, batchId]
  )
  if (!inserted.rowCount) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Code ${input.code} is already a serial code (codes are case-insensitive). Choose another code.`
    )
  }
  return { batch, code: inserted.rows[0] }
}

/** Soft-deletes a batch and its codes (undoing an import or a fixed serial). */
export async function deleteCodeBatch(trx: Sql, batchId: string): Promise<void> {
  await trx.raw(`UPDATE coupon_code SET deleted_at = now(), updated_at = now() WHERE ${OF_BATCH} AND deleted_at IS NULL`, [
    batchId,
    batchId,
  ])
  await trx.raw(`UPDATE coupon_code_batch SET deleted_at = now(), updated_at = now() WHERE id = ?`, [batchId])
}

/** Soft-deletes every live code of these coupons with one UPDATE, stamped `deletedAt`. */
export async function withdrawCodesOfCoupons(knex: Sql, couponIds: string[], deletedAt: Date): Promise<number> {
  return knex("coupon_code")
    .whereIn("coupon_id", couponIds)
    .whereNull("deleted_at")
    .update({ deleted_at: deletedAt, updated_at: knex.fn.now() })
}

/** Undoes withdrawCodesOfCoupons: the codes stamped `deletedAt` are live again. */
export async function reinstateCodesOfCoupons(knex: Sql, couponIds: string[], deletedAt: Date): Promise<number> {
  return knex("coupon_code")
    .whereIn("coupon_id", couponIds)
    .where("deleted_at", deletedAt)
    .update({ deleted_at: null, updated_at: knex.fn.now() })
}

export type SerialCodeState = CodeState

export type SerialCodeRow = {
  id: string
  code: string
  state: SerialCodeState
  max_uses: number
  usage_count: number
  customer_id: string | null
  batch_id: string | null
  created_at: Date
  /** The campaign contact (coupon_campaign_recipient) that redeemed it without a store account, and its `channel:contact_id`. */
  campaign_recipient_id: string | null
  contact: string | null
}

/**
 * One page of a coupon's serial codes in code order, optionally those
 * starting with `q` (case-insensitive). `code` has the "C" collation, so
 * the unique code index serves the order and the prefix `LIKE` whatever
 * the database's collation; PostgreSQL reads it filtered by coupon, or the
 * coupon index and sorts when the coupon has few codes among many.
 */
export async function listSerialCodes(
  knex: Sql,
  input: { coupon_id: string; q?: string; limit: number; offset: number }
): Promise<{ codes: SerialCodeRow[]; count: number }> {
  const conditions = [`coupon_id = ?`, `deleted_at IS NULL`]
  const bindings: (string | number)[] = [input.coupon_id]
  if (input.q) {
    conditions.push(`code LIKE ? ESCAPE '\\'`)
    bindings.push(`${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  }
  const where = conditions.join(" AND ")
  const [page, total] = await Promise.all([
    knex.raw(
      `SELECT ${CODE_COLUMNS} FROM coupon_code WHERE ${where}
       ORDER BY code LIMIT ? OFFSET ?`,
      [...bindings, input.limit, input.offset]
    ),
    knex.raw(`SELECT count(*) AS count FROM coupon_code WHERE ${where}`, bindings),
  ])
  return {
    codes: page.rows,
    count: Number(total.rows[0].count),
  }
}
