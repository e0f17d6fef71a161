import fc from "fast-check"

/*
 * Generators of hostile input for the HTTP fuzzer (http/fuzz.spec.ts):
 * values of every wrong type, strings with NUL and control characters, huge
 * and negative numbers, deep nesting, long and non-Latin text. Every request
 * built from them also carries one `Poison` that makes it certain to be
 * refused, so the fuzzer can also check that nothing was written.
 */

const CONTROL_CHARS = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u001b", "\u007f"]

/** Text a shopper or an attacker could send: Latin, other scripts, emoji, long. */
export const hostileText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom("优惠券", "كوبون", "купон", "クーポン", "🎟️🎟️", "e\u0301", "\u202eRTL", "%00", "../../etc/passwd", "' OR 1=1 --", "<script>"),
  fc.integer({ min: 300, max: 20_000 }).map((n) => "x".repeat(n))
)

/** A string certain to hold a control character (rules.md §7.5: refused). */
export const controlText = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL_CHARS), fc.string({ maxLength: 8 }))
  .map(([a, c, b]) => `${a}${c}${b}`)

const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, -(2 ** 31) - 1, 0.1 + 0.2)
)

/** Anything JSON can carry, of any type, nested up to `depth`. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    numbers,
    hostileText,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 10 }), tie("value"), { maxKeys: 4 })
  ),
})).value

/** Nesting deeper than any body of the plugin: {a:{a:{…}}} or [[[…]]]. */
export const deepNesting = fc
  .tuple(fc.integer({ min: 20, max: 400 }), fc.boolean())
  .map(([depth, asArray]) => {
    let value: unknown = "bottom"
    for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value }
    return value
  })

/** A body using the route's own field names with values of any type. */
export const bodyOf = (fields: string[]) =>
  fc.dictionary(fields.length ? fc.constantFrom(...fields) : fc.string({ maxLength: 10 }), fc.oneof(anyJson, deepNesting), {
    maxKeys: 6,
  })

/** A path parameter nothing has: random, long, non-Latin, percent-escaped oddities. */
export const unknownId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s)),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom("%00", "abc%00def", "%01", "%zz", "%E0%A4%A", "%C0%80", "-1", "0", "99999999999999999999", "null", "undefined", "coupon_%27%3B--"),
  fc.integer({ min: 300, max: 5000 }).map((n) => "i".repeat(n))
)

/** What makes one request certain to be refused. */
export type Poison =
  | { kind: "control_in_body"; field: string; value: string }
  | { kind: "control_in_query"; field: string; value: string }
  | { kind: "unknown_field"; field: string; value: unknown }
  | { kind: "content_type"; contentType: string; raw: string }
  | { kind: "unknown_path" }
  | { kind: "unknown_code"; code: string }

export const poisonFor = (opts: { body: boolean; strictBody: boolean; fields: string[]; params: number; codeLookup: boolean }) => {
  const field = opts.fields.length ? fc.constantFrom(...opts.fields) : fc.constant("code")
  const options: fc.Arbitrary<Poison>[] = [
    fc.record({ kind: fc.constant("control_in_query" as const), field: fc.oneof(field, fc.constant("q")), value: controlText }),
  ]
  if (opts.body) {
    options.push(
      fc.record({ kind: fc.constant("control_in_body" as const), field, value: controlText }),
      fc.record({
        kind: fc.constant("content_type" as const),
        contentType: fc.constantFrom("application/json", "application/json; charset=utf-8"),
        raw: fc.constantFrom("{", "{\"code\":", "[1,2", "{\"a\":\"\\u0000\"", "\u0000", "nul\u0000l", "{\"a\":1}}"),
      })
    )
  }
  // Well-formed requests that pass every input check and reach the route:
  // ids nothing has, a code no one was given.
  if (opts.params) options.push(fc.constant({ kind: "unknown_path" as const }), fc.constant({ kind: "unknown_path" as const }))
  if (opts.codeLookup) {
    options.push(fc.record({ kind: fc.constant("unknown_code" as const), code: fc.oneof(hostileText, fc.stringMatching(/^[A-Z0-9]{1,16}$/)) }))
  }
  if (opts.strictBody) {
    options.push(fc.record({ kind: fc.constant("unknown_field" as const), field: fc.constantFrom("__fuzz", "id", "deleted_at", "constructor"), value: anyJson }))
  }
  return fc.oneof(...options)
}

/** A CSV import that must be refused: some row is not a valid code. */
export const poisonedCsv = fc
  .tuple(
    fc.array(fc.stringMatching(/^[A-Z2-9]{6,12}$/), { maxLength: 5 }),
    fc.oneof(controlText, fc.constantFrom("HAS SPACE", "x".repeat(40), "bad,comma", "\"unclosed", "优惠券优惠券"))
  )
  .map(([good, bad]) => ["code", ...good, bad].join("\n"))
