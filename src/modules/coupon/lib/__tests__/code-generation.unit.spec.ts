import {
  CODE_ALPHABET,
  CODE_PATTERN,
  codeFormatError,
  generateCodes,
  MAX_CODE_LENGTH,
  minimumRandomLength,
  normalizeCode,
  planSerialCodes,
  CodeRecords,
  codeRecordsToStrings,
  drawSortedCodeRecords,
} from "../code-generation"

describe("alphabet and format", () => {
  it("has 31 unambiguous characters", () => {
    expect(CODE_ALPHABET).toBe("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    expect(CODE_ALPHABET).toHaveLength(31)
    expect(new Set(CODE_ALPHABET).size).toBe(31)
    for (const ambiguous of ["0", "O", "1", "I", "L"]) expect(CODE_ALPHABET).not.toContain(ambiguous)
  })

  it("normalizes codes to trimmed upper case", () => {
    expect(normalizeCode("  welcome10 ")).toBe("WELCOME10")
    expect(MAX_CODE_LENGTH).toBe(16)
  })

  it("accepts 1–16 letters, digits, - and _", () => {
    for (const code of ["A", "WELCOME10", "summer-sale_24", "ABCDEFGHIJKLMNOP", " x "]) {
      expect(codeFormatError(code)).toBeNull()
      expect(CODE_PATTERN.test(normalizeCode(code))).toBe(true)
    }
  })

  it("explains what to fix", () => {
    expect(codeFormatError("")).toMatch(/1 to 16 characters/)
    expect(codeFormatError("   ")).toMatch(/1 to 16 characters/)
    expect(codeFormatError("ABCDEFGHIJKLMNOPQ")).toMatch(/17 characters; use at most 16/)
    expect(codeFormatError("SUMMER SALE")).toMatch(/contains space.*without spaces/)
    expect(codeFormatError("50%OFF!")).toMatch(/contains "%", "!"/)
    expect(codeFormatError("CAFÉ")).toMatch(/"É"/)
  })
})

describe("minimumRandomLength", () => {
  it("never goes below 6", () => {
    expect(minimumRandomLength(1)).toBe(6)
    expect(minimumRandomLength(0)).toBe(6)
    // 31^6 ≈ 8.875e8: 42 codes have 861 pairs (8.61e-7), 43 have 903 (1.02e-6)
    expect(minimumRandomLength(42)).toBe(6)
    expect(minimumRandomLength(43)).toBe(7)
  })

  it("keeps the birthday bound under 1e-6", () => {
    for (const [quantity, existing] of [
      [1000, 0],
      [50_000, 0],
      [1_000_000, 0],
      [1_000_000, 5_000_000],
    ]) {
      const length = minimumRandomLength(quantity, existing)
      const n = quantity + existing
      const bound = (length: number) => (n * (n - 1)) / 2 / Math.pow(31, length)
      expect(bound(length)).toBeLessThan(1e-6)
      if (length > 6) expect(bound(length - 1)).toBeGreaterThanOrEqual(1e-6)
    }
    expect(minimumRandomLength(1_000_000)).toBe(12)
    expect(minimumRandomLength(1000)).toBe(8)
  })

  it("counts existing codes", () => {
    expect(minimumRandomLength(10, 1_000_000)).toBe(minimumRandomLength(1_000_010))
  })
})

describe("planSerialCodes", () => {
  it("picks the minimum safe length", () => {
    expect(planSerialCodes({ quantity: 1_000_000 })).toEqual({ prefix: "", randomLength: 12 })
    expect(planSerialCodes({ quantity: 42, prefix: "xmas-" })).toEqual({ prefix: "XMAS-", randomLength: 6 })
  })

  it("honours an explicit total length that is long enough", () => {
    expect(planSerialCodes({ quantity: 100, prefix: "VIP", length: 12 })).toEqual({ prefix: "VIP", randomLength: 9 })
  })

  it("refuses a length too short for the quantity", () => {
    expect(() => planSerialCodes({ quantity: 1_000_000, length: 6 })).toThrow(
      "length 6 cannot hold 1,000,000 distinct codes safely; use at least 12."
    )
    expect(() => planSerialCodes({ quantity: 1_000_000, prefix: "AB", length: 13 })).toThrow(
      'length 13 cannot hold 1,000,000 distinct codes safely with prefix "AB"; use at least 14.'
    )
  })

  it("refuses a prefix that leaves too little room", () => {
    expect(() => planSerialCodes({ quantity: 1_000_000, prefix: "SUMMER" })).toThrow(
      /Prefix "SUMMER" is too long: 1,000,000 codes need 12 random characters.*at most 4 characters/
    )
  })

  it("refuses bad quantities, lengths and prefixes", () => {
    expect(() => planSerialCodes({ quantity: 0 })).toThrow()
    expect(() => planSerialCodes({ quantity: 2.5 })).toThrow()
    expect(() => planSerialCodes({ quantity: 1_000_001 })).toThrow(/maximum is 1,000,000/)
    expect(() => planSerialCodes({ quantity: 10, length: 17 })).toThrow(/at most 16/)
    expect(() => planSerialCodes({ quantity: 10, prefix: "NO SPACE" })).toThrow(/Prefix/)
  })
})

describe("generateCodes", () => {
  it("makes distinct codes of the right shape", () => {
    const codes = generateCodes(5000, { prefix: "vip-", randomLength: 6 })
    expect(codes).toHaveLength(5000)
    expect(new Set(codes).size).toBe(5000)
    for (const code of codes) {
      expect(code).toMatch(/^VIP-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/)
      expect(codeFormatError(code)).toBeNull()
    }
  })

  it("uses every alphabet character at a roughly uniform rate", () => {
    const counts = new Map<string, number>()
    for (const code of generateCodes(20_000, { randomLength: 8 })) {
      for (const char of code) counts.set(char, (counts.get(char) ?? 0) + 1)
    }
    expect(counts.size).toBe(31)
    const expected = (20_000 * 8) / 31
    for (const count of counts.values()) {
      expect(Math.abs(count - expected) / expected).toBeLessThan(0.1)
    }
  })

  it("deduplicates even when the space is tiny", () => {
    const codes = generateCodes(31, { randomLength: 1 })
    expect(new Set(codes)).toEqual(new Set(CODE_ALPHABET))
    expect(() => generateCodes(32, { randomLength: 1 })).toThrow()
  })

  it("handles zero and refuses codes longer than 16", () => {
    expect(generateCodes(0, { randomLength: 8 })).toEqual([])
    expect(() => generateCodes(1, { prefix: "TOOLONGPREFIX", randomLength: 8 })).toThrow(/maximum is 16/)
    expect(() => generateCodes(1, { randomLength: 0 })).toThrow()
  })

  // How fast is the benchmark's business (bench/codes.mjs), not a test's: no timing here.
  it("generates 1,000,000 distinct codes of the planned length", () => {
    const { prefix, randomLength } = planSerialCodes({ quantity: 1_000_000 })
    const codes = generateCodes(1_000_000, { prefix, randomLength })
    expect(codes).toHaveLength(1_000_000)
    expect(new Set(codes).size).toBe(1_000_000)
    expect(codes[0]).toHaveLength(12)
  })
})

describe("drawSortedCodeRecords", () => {
  const strings = (records: CodeRecords) => codeRecordsToStrings(records)

  it("draws distinct codes of the right shape, sorted, into the reused scratch buffer", () => {
    const scratch = Buffer.alloc(5000 * 10 * 2)
    const records = drawSortedCodeRecords(scratch, 5000, { prefix: "vip-", randomLength: 6 })
    expect(records.length).toBe(10)
    // 31^6 codes: a repeat among 5,000 is possible but rare; it is dropped, never duplicated.
    expect(records.count).toBeGreaterThan(4990)
    expect(records.count).toBeLessThanOrEqual(5000)
    expect(records.buffer.buffer).toBe(scratch.buffer)
    const codes = strings(records)
    expect(new Set(codes).size).toBe(codes.length)
    expect([...codes].sort()).toEqual(codes)
    for (const code of codes) expect(code).toMatch(/^VIP-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/)

    const again = strings(drawSortedCodeRecords(scratch, 5000, { prefix: "vip-", randomLength: 6 }))
    const first = new Set(codes)
    expect(again.filter((code) => first.has(code)).length).toBeLessThan(10)
  })

  it("drops repeats when the space is tiny", () => {
    const codes = strings(drawSortedCodeRecords(Buffer.alloc(62), 31, { randomLength: 1 }))
    expect(new Set(codes).size).toBe(codes.length)
    expect([...codes].sort()).toEqual(codes)
    for (const code of codes) expect(CODE_ALPHABET).toContain(code)
  })

  it("refuses a scratch buffer that is too small", () => {
    expect(() => drawSortedCodeRecords(Buffer.alloc(10), 10, { randomLength: 8 })).toThrow(/scratch buffer/)
  })
})
