/**
 * Splitting a coupon's discount over the eligible cart lines (rules §3).
 * Everything is integer minor units so the shares always add up to exactly D.
 */

export type AllocationLine = {
  id: string
  /** minor units, unit_price × quantity */
  subtotal: number
}

export type AllocationShare = { id: string; amount: number }

export type AllocationMethod = "even" | "proportional"

function assertMinorAmount(value: number, label: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${label} must be a non-negative integer of minor units, got ${value}`)
  }
}

/** Validates input and returns the amount that can actually be given away. */
function prepare(lines: AllocationLine[], discount: number): number {
  assertMinorAmount(discount, "Discount")
  let total = 0
  lines.forEach((line, index) => {
    assertMinorAmount(line.subtotal, `Subtotal of line ${index} (${line.id})`)
    total += line.subtotal
  })
  if (!Number.isSafeInteger(total)) {
    throw new Error("Sum of line subtotals is too large to handle exactly")
  }
  // A discount larger than the lines can absorb is capped: no line goes below zero.
  return Math.min(discount, total)
}

/**
 * Line with the larger subtotal first; on a tie, the line added to the cart
 * first (lower index) — the rule for who receives leftover minor units.
 */
function byLargestSubtotalThenAddedFirst(lines: AllocationLine[]) {
  return (a: number, b: number) => lines[b].subtotal - lines[a].subtotal || a - b
}

/**
 * "Split evenly across line items": equal shares, with lines too cheap for
 * their share capped at their subtotal and the rest re-shared (water-filling).
 */
export function allocateEvenly(lines: AllocationLine[], discount: number): AllocationShare[] {
  let remaining = prepare(lines, discount)
  const amounts = lines.map(() => 0)

  // Visiting lines cheapest first is equivalent to repeatedly capping every
  // line below the current share: the floor share never decreases as capped
  // lines leave (R − s ≥ (n − 1)·⌊R/n⌋ when s ≤ ⌊R/n⌋).
  const cheapestFirst = lines.map((_, index) => index).sort((a, b) => lines[a].subtotal - lines[b].subtotal)
  let next = 0
  while (next < cheapestFirst.length) {
    const index = cheapestFirst[next]
    const share = Math.floor(remaining / (cheapestFirst.length - next))
    if (lines[index].subtotal > share) {
      break
    }
    amounts[index] = lines[index].subtotal
    remaining -= lines[index].subtotal
    next += 1
  }

  const uncapped = cheapestFirst.slice(next)
  if (uncapped.length === 0) {
    return lines.map((line, index) => ({ id: line.id, amount: amounts[index] }))
  }

  const share = Math.floor(remaining / uncapped.length)
  let leftover = remaining - share * uncapped.length
  for (const index of uncapped) {
    amounts[index] = share
  }
  // Every uncapped subtotal is > share, so share + 1 never exceeds a subtotal,
  // and leftover < uncapped.length so each line gets at most one extra unit.
  for (const index of uncapped.sort(byLargestSubtotalThenAddedFirst(lines))) {
    if (leftover === 0) break
    amounts[index] += 1
    leftover -= 1
  }

  return lines.map((line, index) => ({ id: line.id, amount: amounts[index] }))
}

/**
 * Shares proportional to subtotal, largest-remainder rounding. The products
 * D × subtotal can exceed 2^53, hence BigInt.
 */
export function allocateProportionally(lines: AllocationLine[], discount: number): AllocationShare[] {
  const toGive = prepare(lines, discount)
  const total = lines.reduce((sum, line) => sum + line.subtotal, 0)
  if (toGive === 0 || total === 0) {
    return lines.map((line) => ({ id: line.id, amount: 0 }))
  }

  const bigTotal = BigInt(total)
  const bigDiscount = BigInt(toGive)
  const amounts: number[] = []
  const remainders: bigint[] = []
  let given = 0
  for (const line of lines) {
    const product = bigDiscount * BigInt(line.subtotal)
    const amount = Number(product / bigTotal)
    amounts.push(amount)
    remainders.push(product % bigTotal)
    given += amount
  }

  // The leftover equals Σ remainders / total with each fraction < 1, so only
  // lines with a non-zero remainder receive one — and for those floor < exact
  // ≤ subtotal, so the extra unit never pushes a line past its subtotal.
  let leftover = toGive - given
  const order = lines
    .map((_, index) => index)
    .sort((a, b) => (remainders[a] > remainders[b] ? -1 : remainders[a] < remainders[b] ? 1 : a - b))
  for (const index of order) {
    if (leftover === 0) break
    amounts[index] += 1
    leftover -= 1
  }

  return lines.map((line, index) => ({ id: line.id, amount: amounts[index] }))
}

export function allocateDiscount(
  method: AllocationMethod,
  lines: AllocationLine[],
  discount: number
): AllocationShare[] {
  switch (method) {
    case "even":
      return allocateEvenly(lines, discount)
    case "proportional":
      return allocateProportionally(lines, discount)
    default:
      throw new Error(`Unknown allocation method: ${String(method)}`)
  }
}
