import { randomBytes, randomFillSync } from "node:crypto"

/**
 * Coupon code formats and serial-code generation (rules §1 and §5).
 */

/** No 0/O, 1/I/L: codes get read aloud, printed and typed from paper. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

export const MAX_CODE_LENGTH = 16

/** Shortest random part we accept even for tiny batches, so codes stay hard to guess. */
export const MIN_RANDOM_LENGTH = 6

/** Rules §5: one request generates at most this many serial codes. */
export const MAX_SERIAL_QUANTITY = 1_000_000

/** Acceptable chance that any two codes in the pool collide. */
const COLLISION_PROBABILITY = 1e-6

/** Checked after normalizeCode; typed codes may use letters, digits, "-" and "_". */
export const CODE_PATTERN = /^[A-Z0-9_-]{1,16}$/

/** Codes are case-insensitive, so they are stored and compared in this form. */
export function normalizeCode(code: string): string {
  return String(code ?? "").trim().toUpperCase()
}

function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",")
}

/** Null when the code is acceptable, else a message telling the person what to change. */
export function codeFormatError(code: string): string | null {
  const normalized = normalizeCode(code)
  if (normalized.length === 0) {
    return "Enter a code of 1 to 16 characters."
  }
  if (normalized.length > MAX_CODE_LENGTH) {
    return `Code "${normalized}" has ${normalized.length} characters; use at most ${MAX_CODE_LENGTH}.`
  }
  if (!CODE_PATTERN.test(normalized)) {
    const bad = Array.from(new Set(normalized.replace(/[A-Z0-9_-]/g, "").split("")))
      .map((char) => (char === " " ? "space" : `"${char}"`))
      .join(", ")
    return `Code "${normalized}" contains ${bad}; use only letters A-Z, digits 0-9, "-" and "_", without spaces.`
  }
  return null
}

function assertCount(value: number, label: string, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new Error(`${label} must be an integer of at least ${minimum}, got ${value}`)
  }
}

/**
 * Smallest random-part length whose birthday bound n(n−1)/2 / 31^len stays
 * below 1e-6 for all codes that will share the namespace (new + existing).
 * Exact BigInt comparison, so the answer does not wobble at the boundary.
 */
export function minimumRandomLength(quantity: number, existingCodes = 0): number {
  assertCount(quantity, "Quantity", 0)
  assertCount(existingCodes, "Existing code count", 0)
  const n = BigInt(quantity) + BigInt(existingCodes)
  const pairs = n > BigInt(1) ? (n * (n - BigInt(1))) / BigInt(2) : BigInt(0)
  // pairs / 31^len < 1e-6  ⇔  pairs × 10^6 < 31^len
  const threshold = pairs * BigInt(Math.round(1 / COLLISION_PROBABILITY))
  const base = BigInt(CODE_ALPHABET.length)
  let length = MIN_RANDOM_LENGTH
  while (base ** BigInt(length) <= threshold) length += 1
  return length
}

function normalizePrefix(prefix: string): string {
  const normalized = normalizeCode(prefix)
  if (normalized !== "" && !/^[A-Z0-9_-]+$/.test(normalized)) {
    throw new Error(`Prefix "${normalized}" may contain only letters A-Z, digits 0-9, "-" and "_".`)
  }
  return normalized
}

export interface SerialCodePlan {
  prefix: string
  randomLength: number
}

/**
 * Decides the random-part length for a serial batch, refusing plans whose
 * codes would not fit in 16 characters or would risk collisions.
 * `length` is the total code length including the prefix.
 */
export function planSerialCodes(options: {
  quantity: number
  prefix?: string
  length?: number
  existingCodes?: number
}): SerialCodePlan {
  const { quantity, length, existingCodes = 0 } = options
  assertCount(quantity, "Quantity", 1)
  if (quantity > MAX_SERIAL_QUANTITY) {
    throw new Error(
      `Cannot generate ${formatCount(quantity)} codes at once; the maximum is ${formatCount(MAX_SERIAL_QUANTITY)} per request.`
    )
  }
  const prefix = normalizePrefix(options.prefix ?? "")
  const required = minimumRandomLength(quantity, existingCodes)
  const shortestTotal = prefix.length + required

  if (shortestTotal > MAX_CODE_LENGTH) {
    const maxPrefix = MAX_CODE_LENGTH - required
    throw new Error(
      `Prefix "${prefix}" is too long: ${formatCount(quantity)} codes need ${required} random characters, ` +
        `and codes are at most ${MAX_CODE_LENGTH} characters; use a prefix of at most ${maxPrefix} characters.`
    )
  }

  if (length === undefined || length === null) {
    return { prefix, randomLength: required }
  }
  if (!Number.isSafeInteger(length) || length < 1) {
    throw new Error(`length must be a positive integer, got ${length}`)
  }
  if (length > MAX_CODE_LENGTH) {
    throw new Error(`length ${length} is too long; codes are at most ${MAX_CODE_LENGTH} characters.`)
  }
  if (length < shortestTotal) {
    const withPrefix = prefix ? ` with prefix "${prefix}"` : ""
    throw new Error(
      `length ${length} cannot hold ${formatCount(quantity)} distinct codes safely${withPrefix}; use at least ${shortestTotal}.`
    )
  }
  return { prefix, randomLength: length - prefix.length }
}

// Bytes ≥ 248 are rejected: 248 = 8 × 31, so byte % 31 is uniform (no modulo bias).
const ACCEPT_BELOW = 256 - (256 % CODE_ALPHABET.length)
const ALPHABET_BYTES = Buffer.from(CODE_ALPHABET, "latin1")

/** Checks a request for `count` codes of this shape; answers the prefix's bytes and the code length. */
function codeShape(count: number, options: { prefix?: string; randomLength: number }) {
  assertCount(count, "Count", 0)
  assertCount(options.randomLength, "randomLength", 1)
  const prefix = normalizePrefix(options.prefix ?? "")
  const randomLength = options.randomLength
  const codeLength = prefix.length + randomLength
  if (codeLength > MAX_CODE_LENGTH) {
    throw new Error(`Codes would be ${codeLength} characters; the maximum is ${MAX_CODE_LENGTH}.`)
  }
  // Without this check, asking for more codes than exist would loop forever.
  if (BigInt(count) > BigInt(CODE_ALPHABET.length) ** BigInt(randomLength)) {
    throw new Error(`Only ${CODE_ALPHABET.length}^${randomLength} codes of this length exist; ask for fewer or make them longer.`)
  }
  return { prefixBytes: Buffer.from(prefix, "latin1"), randomLength, codeLength }
}

/**
 * Draws `count` codes into `out` (from byte 0, `codeLength` bytes each):
 * the prefix, then random characters of CODE_ALPHABET from the OS CSPRNG,
 * fetched in large blocks (one crypto call per character would be far too
 * slow for a million codes).
 */
function drawCodes(out: Buffer, count: number, shape: ReturnType<typeof codeShape>, reuse = false): void {
  const { prefixBytes, randomLength, codeLength } = shape
  for (let i = 0; i < count; i++) prefixBytes.copy(out, i * codeLength)
  // ~3% of bytes are rejected; ask for a little more and top up if unlucky.
  const poolSize = Math.ceil(count * randomLength * 1.05) + 64
  let pool = reuse ? randomFillSync(reusable.bytes(poolSize)) : randomBytes(poolSize)
  let poolIndex = 0
  for (let i = 0; i < count; i++) {
    let position = i * codeLength + prefixBytes.length
    const end = (i + 1) * codeLength
    while (position < end) {
      if (poolIndex === pool.length) {
        pool = randomBytes(Math.max(4096, (count - i) * randomLength))
        poolIndex = 0
      }
      const byte = pool[poolIndex++]
      if (byte < ACCEPT_BELOW) out[position++] = ALPHABET_BYTES[byte % CODE_ALPHABET.length]
    }
  }
}

/**
 * `count` distinct codes, each `prefix` + `randomLength` characters from
 * CODE_ALPHABET drawn from the OS CSPRNG.
 */
export function generateCodes(count: number, options: { prefix?: string; randomLength: number }): string[] {
  const shape = codeShape(count, options)
  const { codeLength } = shape
  const codes = new Set<string>()
  while (codes.size < count) {
    const batch = count - codes.size
    const out = Buffer.allocUnsafe(batch * codeLength)
    drawCodes(out, batch, shape)
    // One decode plus slices is several times cheaper than a decode per code.
    const text = out.toString("latin1")
    for (let i = 0; i < batch; i++) {
      codes.add(text.slice(i * codeLength, (i + 1) * codeLength))
    }
  }
  return Array.from(codes)
}

/**
 * Working memory of drawSortedCodeRecords, kept from call to call (the
 * function is synchronous, so calls never share it): fresh arrays and
 * random blocks per chunk are memory outside V8's heap that is only given
 * back when a garbage collection gets to them, and a million codes would
 * pile up tens of megabytes of it first.
 */
const reusable = (() => {
  let keys = new Float64Array(0)
  let order = new Uint32Array(0)
  let bytes = Buffer.alloc(0)
  return {
    keys: (n: number) => (keys.length >= n ? keys : (keys = new Float64Array(n))).subarray(0, n),
    order: (n: number) => (order.length >= n ? order : (order = new Uint32Array(n))).subarray(0, n),
    bytes: (n: number) => (bytes.length >= n ? bytes : (bytes = Buffer.allocUnsafe(n))).subarray(0, n),
  }
})()

/** Serial codes as fixed-width ASCII records in one buffer: `count` codes of `length` bytes each. */
export type CodeRecords = { buffer: Buffer; length: number; count: number }

/**
 * Up to `count` codes like generateCodes, written into `scratch` (which must
 * hold count × code length bytes, and may be reused from chunk to chunk) as
 * sorted fixed-width records without repeats: no string per code, so a
 * million codes drawn chunk by chunk leave no garbage behind (strings that
 * outlive a chunk's COPY reach V8's old generation and grow the process).
 * A repeat inside the chunk is dropped rather than redrawn, so the answer
 * may hold fewer than `count` codes; the generation draws more until its
 * batch is full, as it does for codes taken already.
 */
export function drawSortedCodeRecords(
  scratch: Buffer,
  count: number,
  options: { prefix?: string; randomLength: number }
): CodeRecords {
  const shape = codeShape(count, options)
  const { codeLength } = shape
  if (scratch.length < count * codeLength * 2) {
    throw new Error(`The scratch buffer holds ${scratch.length} bytes; ${count} codes need ${count * codeLength * 2}.`)
  }
  // Drawn into the upper half, then copied in order into the lower half.
  const drawn = scratch.subarray(count * codeLength, count * codeLength * 2)
  drawCodes(drawn, count, shape, true)
  // Sorted by a number made of the first (up to 6) random characters, exact
  // in a double; only codes equal that far are compared byte by byte.
  const keyStart = shape.prefixBytes.length
  const keyLength = Math.min(6, shape.randomLength)
  const keys = reusable.keys(count)
  for (let i = 0; i < count; i++) {
    let key = 0
    for (let j = 0; j < keyLength; j++) key = key * 256 + drawn[i * codeLength + keyStart + j]
    keys[i] = key
  }
  const order = reusable.order(count)
  for (let i = 0; i < count; i++) order[i] = i
  order.sort(
    (a, b) =>
      keys[a] - keys[b] || drawn.compare(drawn, b * codeLength, (b + 1) * codeLength, a * codeLength, (a + 1) * codeLength)
  )
  let kept = 0
  for (let i = 0; i < count; i++) {
    const start = order[i] * codeLength
    if (kept > 0 && drawn.compare(scratch, (kept - 1) * codeLength, kept * codeLength, start, start + codeLength) === 0) continue
    drawn.copy(scratch, kept * codeLength, start, start + codeLength)
    kept += 1
  }
  return { buffer: scratch.subarray(0, kept * codeLength), length: codeLength, count: kept }
}

/** The codes of fixed-width records, as strings (for the rare paths that need them). */
export function codeRecordsToStrings(records: CodeRecords): string[] {
  const text = records.buffer.toString("latin1", 0, records.count * records.length)
  const codes = new Array<string>(records.count)
  for (let i = 0; i < records.count; i++) codes[i] = text.slice(i * records.length, (i + 1) * records.length)
  return codes
}
