import { currencyDecimals, parseDecimal, toMajorUnits, toMinorUnits } from "../money"

describe("currencyDecimals", () => {
  it("follows ISO 4217 minor units, case-insensitively", () => {
    expect(currencyDecimals("usd")).toBe(2)
    expect(currencyDecimals("EUR")).toBe(2)
    expect(currencyDecimals("inr")).toBe(2)
    expect(currencyDecimals("HUF")).toBe(2)
    for (const code of ["JPY", "krw", "VND", "CLP", "isk"]) expect(currencyDecimals(code)).toBe(0)
    for (const code of ["KWD", "bhd", "JOD", "OMR", "TND", "LYD", "IQD"]) expect(currencyDecimals(code)).toBe(3)
  })

  it("defaults unknown codes to 2", () => {
    expect(currencyDecimals("XYZ")).toBe(2)
    expect(currencyDecimals("")).toBe(2)
  })
})

describe("toMinorUnits", () => {
  it("converts the numbers and strings Medusa sends", () => {
    expect(toMinorUnits(25, "usd")).toBe(2500)
    expect(toMinorUnits(10.5, "usd")).toBe(1050)
    expect(toMinorUnits("10.50", "usd")).toBe(1050)
    expect(toMinorUnits(" 7 ", "eur")).toBe(700)
    expect(toMinorUnits(".5", "eur")).toBe(50)
    expect(toMinorUnits("5.", "eur")).toBe(500)
    expect(toMinorUnits("+3.2", "eur")).toBe(320)
    expect(toMinorUnits(0, "usd")).toBe(0)
  })

  it("avoids float traps", () => {
    expect(toMinorUnits(19.99, "usd")).toBe(1999) // 19.99 * 100 = 1998.9999999999998
    expect(toMinorUnits("0.3", "usd")).toBe(30)
    expect(toMinorUnits(0.1 + 0.2, "usd")).toBe(30) // 0.30000000000000004
    expect(toMinorUnits(1.005, "usd")).toBe(101) // 1.005 * 100 = 100.49999999999999
    expect(toMinorUnits(4.35, "usd")).toBe(435)
    expect(toMinorUnits(1.1, "kwd")).toBe(1100)
  })

  it("rounds extra precision half-up on the magnitude", () => {
    expect(toMinorUnits("1.004", "usd")).toBe(100)
    expect(toMinorUnits("1.005", "usd")).toBe(101)
    expect(toMinorUnits("1.00499999", "usd")).toBe(100)
    expect(toMinorUnits("-1.005", "usd")).toBe(-101)
    expect(toMinorUnits("-1.004", "usd")).toBe(-100)
    expect(toMinorUnits(2.5, "jpy")).toBe(3)
    expect(toMinorUnits(2.4999, "jpy")).toBe(2)
    expect(toMinorUnits("1.2345", "kwd")).toBe(1235)
  })

  it("handles exponent notation", () => {
    expect(toMinorUnits(1e-7, "usd")).toBe(0)
    expect(String(1e-7)).toBe("1e-7")
    expect(toMinorUnits("5e-3", "usd")).toBe(1)
    expect(toMinorUnits("1.5E2", "usd")).toBe(15000)
    expect(toMinorUnits(1e15, "jpy")).toBe(1e15)
  })

  it("keeps the sign and never returns -0", () => {
    expect(toMinorUnits(-12.34, "usd")).toBe(-1234)
    expect(Object.is(toMinorUnits("-0.001", "usd"), 0)).toBe(true)
    expect(Object.is(toMinorUnits(-0, "usd"), 0)).toBe(true)
  })

  it("handles zero- and three-decimal currencies", () => {
    expect(toMinorUnits(3000, "JPY")).toBe(3000)
    expect(toMinorUnits(12.345, "KWD")).toBe(12345)
    expect(toMinorUnits("0.001", "kwd")).toBe(1)
  })

  it("rejects what is not a finite decimal or cannot be held exactly", () => {
    for (const bad of ["", "abc", "1.2.3", "1,5", ".", "-", "1e", "0x10"]) {
      expect(() => toMinorUnits(bad, "usd")).toThrow()
    }
    expect(() => toMinorUnits(NaN, "usd")).toThrow()
    expect(() => toMinorUnits(Infinity, "usd")).toThrow()
    expect(() => toMinorUnits(1e21, "usd")).toThrow(/too large/)
    expect(() => toMinorUnits("1e999999", "usd")).toThrow()
  })
})

describe("toMajorUnits", () => {
  it("gives the exact shortest decimal", () => {
    expect(toMajorUnits(1234, "usd")).toBe(12.34)
    expect(toMajorUnits(1999, "usd")).toBe(19.99)
    expect(toMajorUnits(5, "usd")).toBe(0.05)
    expect(toMajorUnits(-5, "usd")).toBe(-0.05)
    expect(toMajorUnits(0, "usd")).toBe(0)
    expect(toMajorUnits(1234, "jpy")).toBe(1234)
    expect(toMajorUnits(1234, "kwd")).toBe(1.234)
    expect(toMajorUnits(1, "kwd")).toBe(0.001)
  })

  it("round-trips with toMinorUnits", () => {
    for (const minor of [0, 1, 7, 10, 99, 101, 1999, 123456789, -42]) {
      for (const currency of ["usd", "jpy", "kwd"]) {
        expect(toMinorUnits(toMajorUnits(minor, currency), currency)).toBe(minor)
      }
    }
  })

  it("rejects non-integers", () => {
    expect(() => toMajorUnits(1.5, "usd")).toThrow()
    expect(() => toMajorUnits(NaN, "usd")).toThrow()
  })
})

describe("parseDecimal", () => {
  it("reads values exactly", () => {
    expect(parseDecimal("12.50")).toEqual({ negative: false, digits: BigInt(1250), scale: 2 })
    expect(parseDecimal(33.33)).toEqual({ negative: false, digits: BigInt(3333), scale: 2 })
    expect(parseDecimal("-2e3")).toEqual({ negative: true, digits: BigInt(2000), scale: 0 })
  })
})
