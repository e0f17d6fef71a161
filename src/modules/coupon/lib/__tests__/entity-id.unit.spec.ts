import { entityIdLengthOfRun, entityIdRun, entityIds, entityIdsOfRun, entityIdWriter } from "../entity-id"

describe("entityIds", () => {
  it("builds prefix_ + 26-character ULIDs with the time in the first 10 characters", () => {
    // 2026-11-23T00:00:00.000Z; the expected text is what ulid.encodeTime gives
    const ids = entityIds("ccode", 3, 1795392000000)
    expect(ids).toHaveLength(3)
    for (const id of ids) {
      expect(id).toMatch(/^ccode_[0-9A-HJKMNP-TV-Z]{26}$/)
      expect(id.slice(6, 16)).toBe("01M82V7M00")
    }
  })

  it("encodes the time like ulid does: 0 and the largest 48-bit time", () => {
    expect(entityIds("x", 1, 0)[0].slice(2, 12)).toBe("0000000000")
    expect(entityIds("x", 1, 2 ** 48 - 1)[0].slice(2, 12)).toBe("7ZZZZZZZZZ")
  })

  it("gives distinct ids in one call and across calls", () => {
    const ids = [...entityIds("ccode", 50_000, 1), ...entityIds("ccode", 50_000, 1)]
    expect(new Set(ids).size).toBe(100_000)
  })

  it("gives the ids of one run in ascending order: a serial after the time, then the run's random tail", () => {
    const ids = entityIds("ccode", 40_000, 1)
    expect([...ids].sort()).toEqual(ids)
    expect(ids[0].slice(16, 23)).toBe("0000000")
    expect(ids[33].slice(16, 23)).toBe("0000033")
    expect(new Set(ids.map((id) => id.slice(23))).size).toBe(1)
  })

  it("draws the random tail from every Crockford character, none of I, L, O, U", () => {
    const tails = Array.from({ length: 300 }, () => entityIdRun("c", 1).tail).join("")
    expect(new Set(tails).size).toBe(32)
    expect(tails).not.toMatch(/[ILOU]/)
  })

  it("writes the id of any place of a run, up to 10^7 - 1", () => {
    const run = { head: "x_0000000000", tail: "ABCDEFGHJ" }
    expect(entityIdsOfRun(run, [0, 9, 10, 10 ** 7 - 1])).toEqual([
      "x_00000000000000000ABCDEFGHJ",
      "x_00000000000000009ABCDEFGHJ",
      "x_00000000000000010ABCDEFGHJ",
      "x_00000000009999999ABCDEFGHJ",
    ])
    expect(() => entityIdsOfRun(run, [10 ** 7])).toThrow("no id has place 10000000 in a run")
    expect(() => entityIds("x", 10 ** 7 + 1)).toThrow("at most 10000000 ids are made in one run")
  })

  it("refuses a negative count and an impossible time", () => {
    expect(entityIds("c", 0)).toEqual([])
    expect(() => entityIds("c", -1)).toThrow("count must be a non-negative integer, got -1")
    expect(() => entityIds("c", 1, 2 ** 48)).toThrow("now must be a millisecond timestamp")
    expect(() => entityIds("C", 1)).toThrow("an id prefix is lower-case letters")
  })
})

describe("entityIdWriter", () => {
  it("writes ids shaped like entityIds straight into rows of a buffer, where it is told", () => {
    const run = entityIdRun("ccode", 1_700_000_000_000)
    const length = entityIdLengthOfRun(run)
    const stride = length + 3
    const rows = Buffer.alloc(2 + 100 * stride, ".")
    const write = entityIdWriter(run)
    for (let i = 0; i < 100; i++) write(i, rows, 2 + i * stride)
    const ids = Array.from({ length: 100 }, (_, i) => rows.toString("latin1", 2 + i * stride, 2 + i * stride + length))
    const [sample] = entityIds("ccode", 1, 1_700_000_000_000)
    for (const id of ids) {
      expect(id).toMatch(/^ccode_[0-9A-HJKMNP-TV-Z]{26}$/)
      expect(id.slice(0, 16)).toBe(sample.slice(0, 16))
    }
    expect(new Set(ids).size).toBe(100)
    // The bytes between the ids are left alone.
    for (let i = 0; i < 100; i++) expect(rows.toString("latin1", 2 + i * stride + stride - 3, 2 + (i + 1) * stride)).toBe("...")
    expect(rows.toString("latin1", 0, 2)).toBe("..")
  })
})
