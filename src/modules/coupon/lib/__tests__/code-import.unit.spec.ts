import { Readable } from "node:stream"
import {
  CodeImportRefused,
  CodeRow,
  importProblemList,
  importProblemsMessage,
  importTooLargeMessage,
  MAX_IMPORT_BYTES,
  readCodeRows,
} from "../code-import"

const rowsOf = async (text: string | Buffer, chunkSize = 3) => {
  const buffer = Buffer.isBuffer(text) ? text : Buffer.from(text)
  // Small chunks: rows and even characters are split across reads.
  const chunks: Buffer[] = []
  for (let i = 0; i < buffer.length; i += chunkSize) chunks.push(buffer.subarray(i, i + chunkSize))
  const rows: CodeRow[] = []
  for await (const batch of readCodeRows(Readable.from(chunks))) rows.push(...batch)
  return rows
}

const refusal = async (text: string) => {
  try {
    await rowsOf(text)
  } catch (error) {
    expect(error).toBeInstanceOf(CodeImportRefused)
    return (error as Error).message
  }
  throw new Error("expected the file to be refused")
}

describe("readCodeRows", () => {
  it("skips the header row and numbers rows as a spreadsheet does (header = row 1)", async () => {
    expect(await rowsOf("code\nabc-1\r\n  XyZ_2 \nQ9\n")).toEqual([
      { row: 2, code: "ABC-1", error: null },
      { row: 3, code: "XYZ_2", error: null },
      { row: 4, code: "Q9", error: null },
    ])
  })

  it("ignores a byte-order mark, empty lines and a missing final newline, keeping line numbers", async () => {
    expect(await rowsOf("\ufeffcode\n\nAAA\n   \n,\nBBB")).toEqual([
      { row: 3, code: "AAA", error: null },
      { row: 6, code: "BBB", error: null },
    ])
  })

  it("keeps row numbers right after a quoted value spanning lines", async () => {
    expect(await rowsOf('code\nAAA\n"B\r\nB"\nCCC\n')).toEqual([
      { row: 2, code: "AAA", error: null },
      {
        row: 3,
        code: "B\r\nB",
        error: 'Code "B\r\nB" contains "\r", "\n"; use only letters A-Z, digits 0-9, "-" and "_", without spaces.',
      },
      { row: 5, code: "CCC", error: null },
    ])
  })

  it("reports a 17-character code, a spaced code, a stray quote and a second column as errors of their rows", async () => {
    expect(await rowsOf('code\nABCDEFGHIJKLMNOPQ\nAB CD\nAB"C\nONE,TWO\n"QUOTED"\n')).toEqual([
      { row: 2, code: "ABCDEFGHIJKLMNOPQ", error: 'Code "ABCDEFGHIJKLMNOPQ" has 17 characters; use at most 16.' },
      {
        row: 3,
        code: "AB CD",
        error: 'Code "AB CD" contains space; use only letters A-Z, digits 0-9, "-" and "_", without spaces.',
      },
      { row: 4, code: 'AB"C', error: 'Code "AB"C" contains """; use only letters A-Z, digits 0-9, "-" and "_", without spaces.' },
      { row: 5, code: "ONE", error: "it has 2 columns; the file must have one column of codes." },
      { row: 6, code: "QUOTED", error: null },
    ])
  })

  it("yields nothing for a file with only a header, or an empty file", async () => {
    expect(await rowsOf("code\n")).toEqual([])
    expect(await rowsOf("")).toEqual([])
  })

  it("refuses a file whose header has two columns", async () => {
    expect(await refusal("code,owner\nA,B\n")).toBe(
      "The file must have one column of codes; its header row has 2 columns. Nothing was imported."
    )
  })

  it("refuses a file that is not CSV (an unclosed quote)", async () => {
    expect(await refusal('code\nAAA\n"BBB\nCCC\n')).toMatch(
      /^The file is not a valid CSV file \(row \d+\): Quote Not Closed: .*\. Nothing was imported\.$/
    )
  })

  it("passes on an error of the source stream", async () => {
    const source = new Readable({ read() {} })
    const reading = (async () => {
      for await (const _ of readCodeRows(source)) void _
    })()
    source.destroy(new Error("connection reset"))
    await expect(reading).rejects.toThrow("connection reset")
  })
})

describe("importProblemsMessage", () => {
  const none = { rows: [], total: 0 }

  it("is null when nothing is wrong", () => {
    expect(importProblemsMessage({ invalid: none, repeated: none, taken: none })).toBeNull()
  })

  it("names each kind of problem with its rows and the first example", () => {
    expect(
      importProblemsMessage({
        invalid: { rows: [{ row: 3, reason: 'Code "AB CD" contains space.' }], total: 1 },
        repeated: {
          rows: [
            { row: 9, code: "AAA", first_row: 2 },
            { row: 12, code: "BBB", first_row: 4 },
          ],
          total: 2,
        },
        taken: { rows: [{ row: 5, code: "WELCOME10" }], total: 1 },
      })
    ).toBe(
      "The file was not imported, nothing was saved. " +
        '1 row has an invalid code: row 3 (row 3: Code "AB CD" contains space.); ' +
        "2 rows repeat a code of an earlier row: rows 9, 12 (row 9: AAA is also in row 2); " +
        "1 row has a code that already exists: row 5 (row 5: WELCOME10)."
    )
  })

  it("lists at most 100 rows and counts the rest", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ row: i + 2, code: `C${i}` }))
    const message = importProblemsMessage({ invalid: none, repeated: none, taken: { rows, total: 1234 } })!
    expect(message).toBe(
      "The file was not imported, nothing was saved. 1,234 rows have codes that already exist: " +
        `rows ${rows.map((r) => r.row).join(", ")} and 1,134 more (row 2: C0).`
    )
  })
})

it("names the size limit in bytes", () => {
  expect(MAX_IMPORT_BYTES).toBe(10_000_000)
  expect(importTooLargeMessage()).toBe(
    "The CSV file is larger than 10 MB (10,000,000 bytes); nothing was imported. Split it into smaller files."
  )
})

describe("importProblemList", () => {
  const none = { rows: [], total: 0 }

  it("is empty when nothing is wrong", () => {
    expect(importProblemList({ invalid: none, repeated: none, taken: none })).toEqual([])
  })

  it("gives each kind of problem as data: its rows, its total and the sentence the message joins", () => {
    const problems = {
      invalid: none,
      repeated: { rows: [{ row: 4, code: "AAA1", first_row: 2 }], total: 1 },
      taken: { rows: [{ row: 5, code: "OLD1" }], total: 3 },
    }
    const list = importProblemList(problems)
    expect(list).toEqual([
      {
        kind: "repeated",
        rows: [{ row: 4, code: "AAA1", first_row: 2 }],
        total: 1,
        message: "1 row repeats a code of an earlier row: row 4 (row 4: AAA1 is also in row 2)",
      },
      {
        kind: "taken",
        rows: [{ row: 5, code: "OLD1" }],
        total: 3,
        message: "3 rows have codes that already exist: row 5 and 2 more (row 5: OLD1)",
      },
    ])
    expect(importProblemsMessage(problems)).toBe(
      `The file was not imported, nothing was saved. ${list.map((p) => p.message).join("; ")}.`
    )
  })
})
