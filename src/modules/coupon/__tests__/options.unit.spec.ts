import { parseCouponPluginOptions } from "../options"

/** Runs the parser and returns the thrown error (failing the test when nothing is thrown). */
function errorOf(raw: unknown): Error {
  try {
    parseCouponPluginOptions(raw)
  } catch (e) {
    expect(e).toBeInstanceOf(Error)
    return e as Error
  }
  throw new Error(`expected parseCouponPluginOptions(${JSON.stringify(raw)}) to throw`)
}

describe("parseCouponPluginOptions", () => {
  describe("valid options", () => {
    it.each([undefined, null, {}])("treats %p as no options", (raw) => {
      expect(parseCouponPluginOptions(raw)).toEqual({})
    })

    it("returns every supported option unchanged", () => {
      const options = {
        use_url_template: "https://shop.example.com/checkout?coupon={code}",
        coupon_page_base_url: "https://api.shop.example.com",
        code_attempts: { points: 10, duration_seconds: 60 },
      }
      expect(parseCouponPluginOptions(options)).toEqual(options)
    })

    it("accepts each option on its own", () => {
      expect(parseCouponPluginOptions({ use_url_template: "/c/{code}" })).toEqual({ use_url_template: "/c/{code}" })
      expect(parseCouponPluginOptions({ code_attempts: { points: 5, duration_seconds: 30 } })).toEqual({
        code_attempts: { points: 5, duration_seconds: 30 },
      })
    })

    it("accepts the bounds of code_attempts (1..1000 points, 1..86400 seconds)", () => {
      expect(() => parseCouponPluginOptions({ code_attempts: { points: 1, duration_seconds: 1 } })).not.toThrow()
      expect(() => parseCouponPluginOptions({ code_attempts: { points: 1000, duration_seconds: 86400 } })).not.toThrow()
    })

    it("ignores the `database` key the framework adds to every module's options", () => {
      const parsed = parseCouponPluginOptions({
        database: { clientUrl: "postgres://localhost/medusa", schema: "public" },
        use_url_template: "https://shop.example.com/c/{code}",
      })
      expect(parsed).toEqual({ use_url_template: "https://shop.example.com/c/{code}" })
      expect(parsed).not.toHaveProperty("database")
      expect(parseCouponPluginOptions({ database: {} })).toEqual({})
    })
  })

  describe("invalid options", () => {
    it.each(["api.shop.example.com", "/coupon-pages", "ftp://shop.example.com"])(
      "refuses coupon_page_base_url %p, asking for an absolute http(s) URL",
      (value) => {
        const error = errorOf({ coupon_page_base_url: value })
        expect(error.message).toContain("coupon_page_base_url")
        expect(error.message).toMatch(/absolute URL|http:\/\/ or https:\/\//)
      }
    )

    it("refuses an unknown key and names it", () => {
      const error = errorOf({ use_url_tempalte: "https://shop.example.com/c/{code}" })
      expect(error.message).toContain("invalid plugin options")
      expect(error.message).toContain("use_url_tempalte")
      expect(error.message).toContain("medusa-config.ts")
    })

    it("refuses an unknown key inside code_attempts, naming its parent path", () => {
      const error = errorOf({ code_attempts: { points: 10, duration_seconds: 60, burst: 3 } })
      expect(error.message).toContain("invalid plugin options")
      expect(error.message).toContain("code_attempts")
      expect(error.message).toContain("burst")
    })

    it("refuses a use_url_template without {code}", () => {
      const error = errorOf({ use_url_template: "https://shop.example.com/checkout" })
      expect(error.message).toContain("invalid plugin options")
      expect(error.message).toContain("use_url_template: must contain the placeholder {code}")
    })

    it("refuses a use_url_template that is not a string", () => {
      const error = errorOf({ use_url_template: 42 })
      expect(error.message).toContain("invalid plugin options")
      expect(error.message).toContain("use_url_template")
    })

    it.each([
      ["points below 1", { points: 0, duration_seconds: 60 }, "code_attempts.points"],
      ["points above 1000", { points: 1001, duration_seconds: 60 }, "code_attempts.points"],
      ["fractional points", { points: 2.5, duration_seconds: 60 }, "code_attempts.points"],
      ["points as a string", { points: "10", duration_seconds: 60 }, "code_attempts.points"],
      ["missing points", { duration_seconds: 60 }, "code_attempts.points"],
      ["duration below 1", { points: 10, duration_seconds: 0 }, "code_attempts.duration_seconds"],
      ["duration above a day", { points: 10, duration_seconds: 86401 }, "code_attempts.duration_seconds"],
      ["fractional duration", { points: 10, duration_seconds: 1.5 }, "code_attempts.duration_seconds"],
      ["missing duration", { points: 10 }, "code_attempts.duration_seconds"],
    ])("refuses code_attempts with %s", (_label, codeAttempts, path) => {
      const error = errorOf({ code_attempts: codeAttempts })
      expect(error.message).toContain("invalid plugin options")
      expect(error.message).toContain(`${path}:`)
    })

    it("refuses code_attempts that is not an object", () => {
      const error = errorOf({ code_attempts: 10 })
      expect(error.message).toContain("invalid plugin options")
      expect(error.message).toContain("code_attempts:")
    })

    it("lists every problem, one per line", () => {
      const error = errorOf({ use_url_template: "/c/", code_attempts: { points: 0, duration_seconds: 0 } })
      const lines = error.message.split("\n")
      expect(lines.filter((l) => l.startsWith("  - "))).toHaveLength(3)
      expect(error.message).toContain("use_url_template:")
      expect(error.message).toContain("code_attempts.points:")
      expect(error.message).toContain("code_attempts.duration_seconds:")
    })

    it("still refuses bad options when `database` is present", () => {
      const error = errorOf({ database: {}, code_attempts: { points: 0, duration_seconds: 60 } })
      expect(error.message).toContain("code_attempts.points")
      expect(error.message).not.toContain("database")
    })
  })
})
