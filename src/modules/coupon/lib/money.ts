/**
 * Money helpers. Medusa's API speaks major units (25 = $25.00) as JS numbers,
 * but every split, comparison and rounding in this plugin happens on integer
 * minor units so that no binary-float error can leak into a discount.
 */

const ZERO = BigInt(0)
const ONE = BigInt(1)
const TWO = BigInt(2)
const TEN = BigInt(10)

// ISO 4217 exponents that differ from the common 2. Everything not listed
// (including unknown codes) uses 2, which is what Medusa assumes as well.
const MINOR_UNIT_DIGITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
}

export function currencyDecimals(currencyCode: string): number {
  const digits = MINOR_UNIT_DIGITS[String(currencyCode ?? "").trim().toUpperCase()]
  return digits === undefined ? 2 : digits
}

/** A decimal value held exactly: (negative ? -1 : 1) × digits × 10^-scale. */
export interface ExactDecimal {
  negative: boolean
  digits: bigint
  scale: number
}

const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i

/**
 * Reads a number or decimal string without ever doing float arithmetic.
 * Numbers go through String(), which yields the shortest decimal that
 * round-trips, so 19.99 is read as "19.99" and not as 19.989999999999998…
 */
export function parseDecimal(value: number | string): ExactDecimal {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new Error(`Not a finite number: ${value}`)
  }
  if (typeof value !== "number" && typeof value !== "string") {
    throw new Error(`Expected a number or a decimal string, got ${typeof value}`)
  }
  const text = String(value).trim()
  const match = DECIMAL_PATTERN.exec(text)
  const intPart = match?.[2] ?? ""
  const fracPart = match?.[3] ?? ""
  if (!match || intPart.length + fracPart.length === 0) {
    throw new Error(`Not a decimal number: "${value}"`)
  }
  const exponent = match[4] === undefined ? 0 : Number(match[4])
  // Guard against "1e999999" style inputs that would build enormous BigInts.
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) {
    throw new Error(`Exponent out of range: "${value}"`)
  }
  let digits = BigInt(intPart + fracPart || "0")
  let scale = fracPart.length - exponent
  if (scale < 0) {
    digits *= TEN ** BigInt(-scale)
    scale = 0
  }
  return { negative: match[1] === "-" && digits !== ZERO, digits, scale }
}

/** round(numerator / denominator), halves rounded up; both non-negative. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= ZERO || numerator < ZERO) {
    throw new Error("divideRoundHalfUp expects a non-negative numerator and a positive denominator")
  }
  const quotient = numerator / denominator
  const remainder = numerator % denominator
  return remainder * TWO >= denominator ? quotient + ONE : quotient
}

function toSafeNumber(value: bigint, negative: boolean, source: unknown): number {
  const result = Number(value)
  if (!Number.isSafeInteger(result)) {
    throw new Error(`Amount too large to handle exactly: ${String(source)}`)
  }
  // Avoid returning -0, which would print oddly and compare unexpectedly.
  return negative && result !== 0 ? -result : result
}

/**
 * Major units → integer minor units. Extra precision beyond the currency's
 * minor unit is rounded half-up on the magnitude (1.005 USD → 101,
 * -1.005 USD → -101) so positive and negative amounts mirror each other.
 */
export function toMinorUnits(major: number | string, currencyCode: string): number {
  const { negative, digits, scale } = parseDecimal(major)
  const decimals = currencyDecimals(currencyCode)
  const minor =
    scale <= decimals
      ? digits * TEN ** BigInt(decimals - scale)
      : divideRoundHalfUp(digits, TEN ** BigInt(scale - decimals))
  return toSafeNumber(minor, negative, major)
}

/**
 * Integer minor units → major-unit number. Built from the decimal string so the
 * result is the exact shortest decimal (1234 USD → 12.34, not 12.340000000001).
 */
export function toMajorUnits(minor: number, currencyCode: string): number {
  if (!Number.isSafeInteger(minor)) {
    throw new Error(`Minor units must be a safe integer, got ${minor}`)
  }
  const decimals = currencyDecimals(currencyCode)
  const magnitude = String(Math.abs(minor)).padStart(decimals + 1, "0")
  const whole = magnitude.slice(0, magnitude.length - decimals)
  const fraction = magnitude.slice(magnitude.length - decimals)
  const text = (minor < 0 ? "-" : "") + whole + (decimals > 0 ? "." + fraction : "")
  return Number(text)
}
