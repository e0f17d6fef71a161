import { randomFillSync } from "node:crypto"

/** Crockford base32, the alphabet of ULIDs. */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const TIME_LENGTH = 10
/**
 * The place of an id in its run, in decimal (digits are Crockford
 * characters too): 7 digits, ten million ids per run.
 */
const SERIAL_LENGTH = 7
const RANDOM_LENGTH = 9
const MAX_RUN = 10 ** SERIAL_LENGTH

/**
 * Ids shaped like Medusa's own (`prefix_` + 26 Crockford characters, the
 * first 10 the milliseconds as in a ULID), for rows written in bulk. Medusa's
 * `generateEntityId` calls `ulid()` once per id, which costs tens of
 * microseconds each (over a minute for a million serial codes).
 *
 * The ids of one run share its time and 45 random bits (9 characters, one
 * draw per run) and differ in a 7-digit serial placed before them, so
 * they are distinct within the run by construction, distinct from other
 * runs by time and chance, and ascending: a million codes written in id
 * order append to the primary key's B-tree instead of splitting its pages
 * at random (an import of 900,000 codes spent over a second on that).
 * Ids are not secrets: every route checks who may see the row behind one.
 */
export type EntityIdRun = { head: string; tail: string }

/** The shared parts of a run of ids: `prefix_` and the time, and the random tail. */
export function entityIdRun(prefix: string, now: number = Date.now()): EntityIdRun {
  if (!/^[a-z]+$/.test(prefix)) throw new Error(`an id prefix is lower-case letters, got ${prefix}`)
  if (!Number.isSafeInteger(now) || now < 0 || now >= 2 ** 48) {
    throw new Error(`now must be a millisecond timestamp, got ${now}`)
  }
  let time = ""
  for (let i = 0, rest = now; i < TIME_LENGTH; i++, rest = Math.floor(rest / 32)) {
    time = CROCKFORD[rest % 32] + time
  }
  const random = randomFillSync(Buffer.allocUnsafe(RANDOM_LENGTH))
  // 32 divides 256, so `byte & 31` is uniform.
  const tail = Array.from(random, (byte) => CROCKFORD[byte & 31]).join("")
  return { head: `${prefix}_${time}`, tail }
}

/** `count` ids of one run, in ascending order. */
export function entityIds(prefix: string, count: number, now: number = Date.now()): string[] {
  checkRunSize(count)
  return entityIdsOfRun(entityIdRun(prefix, now), Array.from({ length: count }, (_, i) => i))
}

/** The ids of a run at these places. */
export function entityIdsOfRun(run: EntityIdRun, serials: number[]): string[] {
  const length = entityIdLengthOfRun(run)
  const buffer = Buffer.allocUnsafe(serials.length * length)
  writeIdsOfRun(run, serials.length, (i) => serials[i], buffer, 0, length)
  const text = buffer.toString("latin1")
  return serials.map((_, i) => text.slice(i * length, (i + 1) * length))
}

/** The length of every id of this run. */
export function entityIdLengthOfRun(run: EntityIdRun): number {
  return run.head.length + SERIAL_LENGTH + run.tail.length
}

function checkRunSize(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`count must be a non-negative integer, got ${count}`)
  }
  if (count > MAX_RUN) throw new Error(`at most ${MAX_RUN} ids are made in one run, asked for ${count}`)
}

function writeIdsOfRun(
  run: EntityIdRun,
  count: number,
  serialOf: (i: number) => number,
  target: Buffer,
  offset: number,
  stride: number
): void {
  const write = entityIdWriter(run)
  for (let i = 0; i < count; i++) write(serialOf(i), target, offset + i * stride)
}

/**
 * Writes the id at place `serial` of `run` as ASCII into `target` at `at`
 * (entityIdLengthOfRun bytes): for rows of different lengths, where ids are not
 * a stride apart.
 */
export function entityIdWriter(run: EntityIdRun): (serial: number, target: Buffer, at: number) => void {
  const head = Buffer.from(run.head, "latin1")
  const tail = Buffer.from(run.tail, "latin1")
  return (serial, target, at) => {
    if (!Number.isSafeInteger(serial) || serial < 0 || serial >= MAX_RUN) throw new Error(`no id has place ${serial} in a run`)
    head.copy(target, at)
    for (let j = SERIAL_LENGTH - 1, rest = serial; j >= 0; j--, rest = Math.floor(rest / 10)) target[at + head.length + j] = 48 + (rest % 10)
    tail.copy(target, at + head.length + SERIAL_LENGTH)
  }
}
