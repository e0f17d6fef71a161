import { randomFillSync } from "node:crypto"

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
  const length = entityIdLength(prefix)
  const buffer = Buffer.allocUnsafe(Math.max(0, count) * length)
  writeEntityIds(prefix, count, buffer, 0, length, now)
  const text = buffer.toString("latin1")
  const ids = new Array<string>(count)
  for (let i = 0; i < count; i++) ids[i] = text.slice(i * length, (i + 1) * length)
  return ids
}

/** The length of an id with this prefix. */
export function entityIdLength(prefix: string): number {
  return prefix.length + 1 + TIME_LENGTH + RANDOM_LENGTH
}

/** Random bytes of writeEntityIds, kept from call to call (synchronous: never shared). */
let randomScratch = Buffer.alloc(0)

/**
 * Writes `count` ids as ASCII into `target`, the first at `offset`, each
 * `stride` bytes after the one before: bulk writes put them straight into
 * the rows they send, without a string per id.
 */
export function writeEntityIds(
  prefix: string,
  count: number,
  target: Buffer,
  offset: number,
  stride: number,
  now: number = Date.now()
): void {
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
  if (randomScratch.length < count * RANDOM_LENGTH) randomScratch = Buffer.allocUnsafe(count * RANDOM_LENGTH)
  const random = randomFillSync(randomScratch, 0, count * RANDOM_LENGTH)
  for (let i = 0; i < count; i++) {
    const at = offset + i * stride
    head.copy(target, at)
    for (let j = 0; j < RANDOM_LENGTH; j++) target[at + head.length + j] = CROCKFORD_BYTES[random[i * RANDOM_LENGTH + j] & 31]
  }
}
