import { isDatabaseConnectionLost } from "../error-handler"

describe("isDatabaseConnectionLost", () => {
  it("knows PostgreSQL's connection-ending SQLSTATEs and node-postgres' words for a lost connection", () => {
    expect(isDatabaseConnectionLost({ code: "57P01", message: "terminating connection due to administrator command" })).toBe(true)
    expect(isDatabaseConnectionLost({ code: "08006", message: "connection failure" })).toBe(true)
    expect(isDatabaseConnectionLost(new Error("Connection terminated unexpectedly"))).toBe(true)
    expect(isDatabaseConnectionLost(new Error("Connection Error: Connection ended unexpectedly"))).toBe(true)
  })

  it("leaves every other error to the usual handling", () => {
    expect(isDatabaseConnectionLost({ code: "23505", message: "duplicate key value violates unique constraint" })).toBe(false)
    expect(isDatabaseConnectionLost(new Error("Coupon code SAVE10 has expired."))).toBe(false)
    expect(isDatabaseConnectionLost({ code: "57014", message: "canceling statement due to statement timeout" })).toBe(false)
    expect(isDatabaseConnectionLost(null)).toBe(false)
    expect(isDatabaseConnectionLost("57P01")).toBe(false)
  })
})
