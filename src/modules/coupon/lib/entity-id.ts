import { randomBytes } from "node:crypto"

/** Crockford base32, the alphabet of ULIDs. */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const CROCKFORD_BYTES = Buffer.from(CROCKFORD, "latin1")
const TIME_LENGTH = 10
const RANDOM_LENGTH = 16

/**
 * `count` ids shaped like Medusa's own (`prefix_` + a 26-character ULID: 48
 * bits of milliseconds, 80 random bits), for rows written in bulk.
 * Medusa's `generateEntityId` calls `ulid()` once per id, which costs tens of
 * microseconds each (over a minute for a million serial codes); here one
 * random block serves the whole batch. 32 divides 256, so `byte & 31` is
 * uniform.
 */
export function entityIds(prefix: string, count: number, now: number = Date.now()): string[] {
  const records = entityIdRecords(prefix, count, now)
  const text = records.buffer.toString("latin1")
  const ids = new Array<string>(count)
  for (let i = 0; i < count; i++) ids[i] = text.slice(i * records.length, (i + 1) * records.length)
  return ids
}

/**
 * The same ids as fixed-width ASCII records in one buffer (`count` ids of
 * `length` bytes), for bulk writes that never need them as strings.
 */
export function entityIdRecords(prefix: string, count: number, now: number = Date.now()): { buffer: Buffer; length: number } {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`count must be a non-negative integer, got ${count}`)
  }
  if (!Number.isSafeInteger(now) || now < 0 || now >= 2 ** 48) {
    throw new Error(`now must be a millisecond timestamp, got ${now}`)
  }
  let time = ""
  for (let i = 0, rest = now; i < TIME_LENGTH; i++, rest = Math.floor(rest / 32)) {
    time = CROCKFORD[rest % 32] + time
  }
  const head = Buffer.from(`${prefix}_${time}`, "latin1")
  const length = head.length + RANDOM_LENGTH
  const buffer = Buffer.allocUnsafe(count * length)
  const random = randomBytes(count * RANDOM_LENGTH)
  for (let i = 0; i < count; i++) {
    const offset = i * length
    head.copy(buffer, offset)
    for (let j = 0; j < RANDOM_LENGTH; j++) buffer[offset + head.length + j] = CROCKFORD_BYTES[random[i * RANDOM_LENGTH + j] & 31]
  }
  return { buffer, length }
}
