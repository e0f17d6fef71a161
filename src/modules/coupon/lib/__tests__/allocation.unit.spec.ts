import {
  allocateDiscount,
  allocateEvenly,
  allocateProportionally,
  AllocationLine,
  AllocationMethod,
} from "../allocation"

const lines = (...subtotals: number[]): AllocationLine[] =>
  subtotals.map((subtotal, index) => ({ id: `line_${index}`, subtotal }))

const amounts = (shares: { amount: number }[]) => shares.map((share) => share.amount)

/** Small seeded PRNG (mulberry32) so property failures are reproducible. */
function prng(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomCart(random: () => number): { cart: AllocationLine[]; discount: number } {
  const count = 1 + Math.floor(random() * 12)
  const cart = lines(
    ...Array.from({ length: count }, () => {
      const roll = random()
      // Bias towards interesting values: zeros, tiny lines, duplicates.
      if (roll < 0.08) return 0
      if (roll < 0.2) return Math.floor(random() * 10)
      if (roll < 0.3) return 1000
      return Math.floor(random() * 1_000_001)
    })
  )
  const total = cart.reduce((sum, line) => sum + line.subtotal, 0)
  const roll = random()
  const discount =
    roll < 0.1
      ? 0
      : roll < 0.2
        ? total // 100% coupon
        : roll < 0.3
          ? total + Math.floor(random() * 1000) // larger than the cart
          : roll < 0.45
            ? Math.floor(random() * 20)
            : Math.floor(random() * (total + 1))
  return { cart, discount }
}

/** Straightforward re-statement of rules §3 "even", used as an oracle. */
function referenceEven(cart: AllocationLine[], discount: number): number[] {
  const total = cart.reduce((sum, line) => sum + line.subtotal, 0)
  let remaining = Math.min(discount, total)
  const result = cart.map(() => 0)
  let open = cart.map((_, index) => index)
  for (;;) {
    const share = open.length ? Math.floor(remaining / open.length) : 0
    const capped = open.filter((index) => cart[index].subtotal <= share)
    if (capped.length === 0) break
    for (const index of capped) {
      result[index] = cart[index].subtotal
      remaining -= cart[index].subtotal
    }
    open = open.filter((index) => cart[index].subtotal > share)
  }
  if (open.length) {
    const share = Math.floor(remaining / open.length)
    open.forEach((index) => (result[index] = share))
    let leftover = remaining - share * open.length
    const byLargest = [...open].sort((a, b) => cart[b].subtotal - cart[a].subtotal || a - b)
    for (const index of byLargest) {
      if (leftover === 0) break
      if (result[index] < cart[index].subtotal) {
        result[index] += 1
        leftover -= 1
      }
    }
  }
  return result
}

describe("allocateEvenly — rules §3 examples", () => {
  it("$10 over $10/$5/$1 → 4.50/4.50/1.00 (a line cheaper than its share)", () => {
    expect(amounts(allocateEvenly(lines(1000, 500, 100), 1000))).toEqual([450, 450, 100])
  })

  it("$10 over three $10 lines → 3.34/3.33/3.33", () => {
    expect(amounts(allocateEvenly(lines(1000, 1000, 1000), 1000))).toEqual([334, 333, 333])
  })

  it("$25 over $60/$30/$15 → 8.34/8.33/8.33", () => {
    expect(amounts(allocateEvenly(lines(6000, 3000, 1500), 2500))).toEqual([834, 833, 833])
  })

  it("¥10 over three ¥10 lines → 4/3/3", () => {
    expect(amounts(allocateEvenly(lines(10, 10, 10), 10))).toEqual([4, 3, 3])
  })
})

describe("allocateEvenly — edges", () => {
  it("keeps ids and input order", () => {
    expect(allocateEvenly(lines(100, 5000), 300)).toEqual([
      { id: "line_0", amount: 100 },
      { id: "line_1", amount: 200 },
    ])
  })

  it("gives leftover units to the largest lines, ties to the line added first", () => {
    expect(amounts(allocateEvenly(lines(100, 300, 300, 200), 6))).toEqual([1, 2, 2, 1])
    expect(amounts(allocateEvenly(lines(100, 300, 200), 5))).toEqual([1, 2, 2])
    expect(amounts(allocateEvenly(lines(500, 500, 500), 2))).toEqual([1, 1, 0])
  })

  it("re-shares repeatedly when several lines are too cheap", () => {
    // 1000 / 4 = 250: line 50 capped → 950 / 3 = 316: line 300 capped → 650 / 2 = 325
    expect(amounts(allocateEvenly(lines(50, 300, 2000, 400), 1000))).toEqual([50, 300, 325, 325])
  })

  it("never pushes a line above its subtotal, even at the leftover step", () => {
    // 7 over [3, 3, 3]: share 2 each + 1 leftover to the first → 3/2/2
    expect(amounts(allocateEvenly(lines(3, 3, 3), 7))).toEqual([3, 2, 2])
    expect(amounts(allocateEvenly(lines(1, 1, 5), 4))).toEqual([1, 1, 2])
  })

  it("100% coupon: every line's share equals its subtotal", () => {
    const cart = lines(1999, 1, 0, 45000, 333)
    const total = 1999 + 1 + 45000 + 333
    expect(amounts(allocateEvenly(cart, total))).toEqual([1999, 1, 0, 45000, 333])
  })

  it("caps a discount larger than the cart", () => {
    expect(amounts(allocateEvenly(lines(100, 200), 5000))).toEqual([100, 200])
  })

  it("zero discount, empty cart, zero-value lines", () => {
    expect(allocateEvenly([], 500)).toEqual([])
    expect(amounts(allocateEvenly(lines(100, 200), 0))).toEqual([0, 0])
    expect(amounts(allocateEvenly(lines(0, 0), 100))).toEqual([0, 0])
    expect(amounts(allocateEvenly(lines(0, 1000, 0), 10))).toEqual([0, 10, 0])
  })

  it("JPY and KWD amounts are just minor units", () => {
    expect(amounts(allocateEvenly(lines(3000, 1000, 500), 2000))).toEqual([750, 750, 500]) // ¥
    expect(amounts(allocateEvenly(lines(12500, 4250, 1000), 5000))).toEqual([2000, 2000, 1000]) // fils
    expect(amounts(allocateEvenly(lines(10000, 10000, 10000), 5000))).toEqual([1667, 1667, 1666]) // fils
  })
})

describe("allocateProportionally", () => {
  it("$2.99 over $43/$14/$23 → 1.61/0.52/0.86", () => {
    expect(amounts(allocateProportionally(lines(4300, 1400, 2300), 299))).toEqual([161, 52, 86])
  })

  it("breaks remainder ties in favour of the line added first", () => {
    expect(amounts(allocateProportionally(lines(1000, 1000, 1000), 1000))).toEqual([334, 333, 333])
    expect(amounts(allocateProportionally(lines(10, 10, 10), 10))).toEqual([4, 3, 3])
  })

  it("100% coupon and over-large discount", () => {
    expect(amounts(allocateProportionally(lines(1999, 1, 0, 45000), 47000))).toEqual([1999, 1, 0, 45000])
    expect(amounts(allocateProportionally(lines(1999, 1, 0, 45000), 10 ** 9))).toEqual([1999, 1, 0, 45000])
  })

  it("zero discount, empty cart, zero-value lines", () => {
    expect(allocateProportionally([], 500)).toEqual([])
    expect(amounts(allocateProportionally(lines(100, 200), 0))).toEqual([0, 0])
    expect(amounts(allocateProportionally(lines(0, 0), 100))).toEqual([0, 0])
  })

  it("stays exact when D × subtotal exceeds 2^53", () => {
    const big = 4_000_000_000_000 // 4e12 minor units; products reach ~1.6e25
    const result = amounts(allocateProportionally(lines(big, big, big + 1), big))
    expect(result.reduce((a, b) => a + b, 0)).toBe(big)
    expect(result).toEqual([1333333333333, 1333333333333, 1333333333334])
  })
})

describe("allocateDiscount", () => {
  it("dispatches by method", () => {
    expect(amounts(allocateDiscount("even", lines(1000, 500, 100), 1000))).toEqual([450, 450, 100])
    expect(amounts(allocateDiscount("proportional", lines(4300, 1400, 2300), 299))).toEqual([161, 52, 86])
    expect(() => allocateDiscount("random" as AllocationMethod, lines(1), 1)).toThrow(/Unknown allocation/)
  })

  it.each(["even", "proportional"] as AllocationMethod[])("%s rejects negative or non-integer input", (method) => {
    expect(() => allocateDiscount(method, lines(100), -1)).toThrow()
    expect(() => allocateDiscount(method, lines(100), 1.5)).toThrow()
    expect(() => allocateDiscount(method, lines(-100), 10)).toThrow()
    expect(() => allocateDiscount(method, lines(10.5), 10)).toThrow()
    expect(() => allocateDiscount(method, lines(NaN), 10)).toThrow()
  })
})

describe("property tests over random carts", () => {
  const CARTS = 3000

  it.each(["even", "proportional"] as AllocationMethod[])(
    "%s: sums to min(D, Σ), each share within [0, subtotal]",
    (method) => {
      const random = prng(method === "even" ? 20240601 : 777)
      for (let run = 0; run < CARTS; run++) {
        const { cart, discount } = randomCart(random)
        const total = cart.reduce((sum, line) => sum + line.subtotal, 0)
        const shares = allocateDiscount(method, cart, discount)
        expect(shares.map((share) => share.id)).toEqual(cart.map((line) => line.id))
        const sum = shares.reduce((acc, share) => acc + share.amount, 0)
        if (sum !== Math.min(discount, total)) {
          throw new Error(`run ${run}: sum ${sum} ≠ ${Math.min(discount, total)} for ${JSON.stringify({ cart, discount })}`)
        }
        shares.forEach((share, index) => {
          if (!Number.isInteger(share.amount) || share.amount < 0 || share.amount > cart[index].subtotal) {
            throw new Error(`run ${run}: bad share ${share.amount} for ${JSON.stringify({ cart, discount })}`)
          }
        })
      }
    }
  )

  it("even: uncapped lines differ by at most one unit and match the reference", () => {
    const random = prng(99)
    for (let run = 0; run < CARTS; run++) {
      const { cart, discount } = randomCart(random)
      const result = amounts(allocateEvenly(cart, discount))
      const uncapped = result.filter((amount, index) => amount < cart[index].subtotal)
      if (uncapped.length && Math.max(...uncapped) - Math.min(...uncapped) > 1) {
        throw new Error(`run ${run}: uneven ${JSON.stringify({ cart, discount, result })}`)
      }
      // A capped line never gets less than an uncapped one would (it is cheaper than the share).
      expect(result).toEqual(referenceEven(cart, discount))
    }
  })

  it("proportional: each share is within one unit of its exact share", () => {
    const random = prng(4242)
    for (let run = 0; run < CARTS; run++) {
      const { cart, discount } = randomCart(random)
      const total = cart.reduce((sum, line) => sum + line.subtotal, 0)
      if (total === 0) continue
      const given = Math.min(discount, total)
      const result = amounts(allocateProportionally(cart, discount))
      result.forEach((amount, index) => {
        // |amount − given·s/total| < 1  ⇔  |amount·total − given·s| < total
        const diff = BigInt(amount) * BigInt(total) - BigInt(given) * BigInt(cart[index].subtotal)
        const abs = diff < BigInt(0) ? -diff : diff
        if (abs >= BigInt(total)) {
          throw new Error(`run ${run}: share ${amount} too far from exact in ${JSON.stringify({ cart, discount })}`)
        }
      })
    }
  })
})
