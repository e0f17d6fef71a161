import { attemptBudgets, clientAddress } from "../attempt-budgets"

const request = (ip: string, forwarded?: string, socket = "10.0.0.2") =>
  ({ ip, headers: forwarded ? { "x-forwarded-for": forwarded } : {}, socket: { remoteAddress: socket } }) as any

describe("clientAddress", () => {
  it("is Express's req.ip by default (Medusa trusts one proxy hop)", () => {
    expect(clientAddress(request("203.0.113.9", "1.1.1.1, 203.0.113.9"))).toBe("203.0.113.9")
  })

  it("ignores X-Forwarded-For with 0 trusted hops: the socket's address", () => {
    expect(clientAddress(request("1.1.1.1", "1.1.1.1"), 0)).toBe("10.0.0.2")
  })

  it("takes the address the first trusted proxy saw, counting hops from the socket", () => {
    // shopper 198.51.100.7 → CDN 192.0.2.1 → load balancer 10.0.0.2 → Medusa; a forged first entry is skipped.
    const req = request("192.0.2.1", "6.6.6.6, 198.51.100.7, 192.0.2.1")
    expect(clientAddress(req, 1)).toBe("192.0.2.1")
    expect(clientAddress(req, 2)).toBe("198.51.100.7")
  })

  it("stops at the first address when more hops are trusted than the chain has", () => {
    expect(clientAddress(request("x", "198.51.100.7"), 5)).toBe("198.51.100.7")
  })
})

describe("attemptBudgets", () => {
  it("defaults to 10 per cart and customer, 30 per address, 15 minutes", () => {
    expect(attemptBudgets({})).toEqual({ cart: 10, customer: 10, address: 30, duration_seconds: 900 })
  })

  it("takes points for cart and customer and address_points for the address", () => {
    expect(attemptBudgets({ code_attempts: { points: 5, duration_seconds: 60, address_points: 50 } })).toEqual({
      cart: 5,
      customer: 5,
      address: 50,
      duration_seconds: 60,
    })
  })
})
