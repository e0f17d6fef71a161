/*
 * Writing codes into coupon_code with COPY, the one writer of generation
 * (serial-code-queries.ts) and import (code-import-queries.ts).
 */
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { from as copyFrom } from "pg-copy-streams"
import { entityIdLengthOfRun, entityIdWriter, type EntityIdRun } from "./lib/entity-id"

/** Codes to write: how many, their bytes in all, and how to write the i-th (answers its length). */
export type CodesToCopy = { count: number; bytes: number; write(i: number, into: Buffer, at: number): number }

/** Fixed-width code records (lib/code-generation.ts) as codes to write. */
export function codesOfRecords(records: { buffer: Buffer; length: number; count: number }): CodesToCopy {
  const { buffer, length, count } = records
  return { count, bytes: count * length, write: (i, into, at) => buffer.copy(into, at, i * length, (i + 1) * length) }
}

/** Codes given as strings as codes to write. */
export function codesOfStrings(codes: string[]): CodesToCopy {
  let bytes = 0
  for (const code of codes) bytes += code.length
  return { count: codes.length, bytes, write: (i, into, at) => into.write(codes[i], at, "latin1") }
}

/**
 * COPYs the codes into coupon_code, in the order given: the i-th gets the id
 * at place `ids.first + i` of `ids.run`, and every row the same coupon and
 * batch. PostgreSQL's error (a unique violation included) is the caller's.
 *
 * COPY's text format is written straight into a reused buffer, not a string
 * per row, which would outlive the young generation while PostgreSQL works
 * and make the process grow by the batch's size. Ids and valid codes are
 * ASCII ([A-Za-z0-9_-]): nothing to escape.
 */
export async function copyCodes(
  pg: any,
  codes: CodesToCopy,
  owner: { coupon_id: string; batch_id: string },
  ids: { run: EntityIdRun; first: number }
): Promise<void> {
  if (!codes.count) return
  const writeId = entityIdWriter(ids.run)
  const idLength = entityIdLengthOfRun(ids.run)
  const tail = Buffer.from(`\t${owner.coupon_id}\t${owner.batch_id}\n`, "latin1")
  const buffer = copyBuffers.take(codes.count * (idLength + 1 + tail.length) + codes.bytes)
  try {
    let at = 0
    for (let i = 0; i < codes.count; i++) {
      writeId(ids.first + i, buffer, at)
      at += idLength
      buffer[at++] = 9 // tab
      at += codes.write(i, buffer, at)
      at += tail.copy(buffer, at)
    }
    await pipeline(
      Readable.from([buffer.subarray(0, at)]),
      pg.query(copyFrom("COPY coupon_code (id, code, coupon_id, batch_id) FROM STDIN"))
    )
  } finally {
    // COPY answered (done or failed): PostgreSQL has read every byte sent.
    copyBuffers.give(buffer)
  }
}

/**
 * Buffers for COPY rows, handed back after each COPY and used again by the
 * next: a fresh megabyte per chunk lives outside V8's heap until a garbage
 * collection frees it, and a million codes would pile up tens of megabytes
 * of them first. As many are kept as chunks were ever written at once.
 */
const copyBuffers = (() => {
  const free: Buffer[] = []
  return {
    take(size: number): Buffer {
      const i = free.findIndex((buffer) => buffer.length >= size)
      return i >= 0 ? free.splice(i, 1)[0] : Buffer.allocUnsafe(size)
    },
    give(buffer: Buffer) {
      if (free.length < 4) free.push(buffer)
    },
  }
})()

/**
 * The live coupons' shared codes of these lengths. Coupons are few
 * (thousands, not millions), so their codes are read and compared in the
 * process rather than probing the index once per code written.
 */
export async function sharedCodesOfLengths(pg: any, lengths: number[]): Promise<Set<string>> {
  const { rows } = await pg.query(
    `SELECT code FROM coupon WHERE deleted_at IS NULL AND code IS NOT NULL AND length(code) = ANY($1::int[])`,
    [lengths]
  )
  return new Set(rows.map((r: { code: string }) => r.code))
}
