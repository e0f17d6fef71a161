/**
 * Which cart lines a coupon may discount (rules §2, last paragraph).
 */

/** Kinds a merchant usually cannot discount (marketplace policy); the store setting may override. */
export const DEFAULT_EXCLUDED_PRODUCT_KINDS: string[] = [
  "supplier",
  "pod",
  "virtual",
  "combination",
  "video",
  "service",
]

export interface ProductKindSource {
  product_metadata?: Record<string, unknown> | null
  /** the product type's value (product.type.value), not its id */
  product_type?: string | null
  requires_shipping?: boolean | null
}

function normalizeKind(value: unknown): string | null {
  if (typeof value !== "string") return null
  const kind = value.trim().toLowerCase()
  return kind === "" ? null : kind
}

/** The declared kind: metadata.product_kind wins over the product type. */
export function productKindOf(line: ProductKindSource): string | null {
  return normalizeKind(line.product_metadata?.product_kind) ?? normalizeKind(line.product_type)
}

/**
 * Every kind the line counts as. A line that needs no shipping is also
 * "virtual" even when it declares another kind, so excluding virtual goods
 * cannot be dodged by labelling a download "book".
 */
export function productKindsOf(line: ProductKindSource): string[] {
  const kinds: string[] = []
  const declared = productKindOf(line)
  if (declared) kinds.push(declared)
  if (line.requires_shipping === false && declared !== "virtual") kinds.push("virtual")
  return kinds
}

export interface CategoryNode {
  id: string
  parent_category_id: string | null
}

/** The given categories plus all their descendants; tolerant of cycles in bad data. */
export function expandCategoryIds(categoryIds: string[], categories: CategoryNode[]): Set<string> {
  const children = new Map<string, string[]>()
  for (const category of categories) {
    if (!category.parent_category_id) continue
    const siblings = children.get(category.parent_category_id) ?? []
    siblings.push(category.id)
    children.set(category.parent_category_id, siblings)
  }

  const result = new Set<string>()
  const pending = [...categoryIds]
  while (pending.length > 0) {
    const id = pending.pop() as string
    if (result.has(id)) continue
    result.add(id)
    pending.push(...(children.get(id) ?? []))
  }
  return result
}

/** Medusa marks a sale by a compare-at price above the price actually charged. */
export function isSaleItem(unitPrice: number, compareAtUnitPrice: number | null | undefined): boolean {
  return compareAtUnitPrice !== null && compareAtUnitPrice !== undefined && compareAtUnitPrice > unitPrice
}

export interface EligibilityLine extends ProductKindSource {
  id: string
  product_id: string | null
  product_category_ids: string[]
  is_discountable?: boolean | null
  is_giftcard?: boolean | null
  /** compare_at_unit_price > unit_price */
  is_sale?: boolean | null
}

export interface EligibilityRules {
  product_ids: string[]
  /** already expanded to sub-categories; null = no category scope */
  scoped_category_ids: Set<string> | null
  exclude_sale_items: boolean
  excluded_kinds: string[]
}

export type IneligibilityReason =
  | "not_in_scope"
  | "not_discountable"
  | "sale_item"
  | "gift_card"
  | `excluded_kind:${string}`

function isInScope(line: EligibilityLine, rules: EligibilityRules): boolean {
  const categoryScope = rules.scoped_category_ids
  const hasProductScope = rules.product_ids.length > 0
  const hasCategoryScope = categoryScope !== null && categoryScope.size > 0
  if (!hasProductScope && !hasCategoryScope) return true

  if (hasProductScope && line.product_id && rules.product_ids.includes(line.product_id)) return true
  return hasCategoryScope && line.product_category_ids.some((id) => categoryScope.has(id))
}

/**
 * Null when the line may be discounted, else the first failing rule, checked
 * in the order rules §2 lists them so the shopper sees a stable reason.
 */
export function lineIneligibilityReason(
  line: EligibilityLine,
  rules: EligibilityRules
): IneligibilityReason | null {
  if (!isInScope(line, rules)) return "not_in_scope"
  // Medusa defaults is_discountable to true; only an explicit false opts out.
  if (line.is_discountable === false) return "not_discountable"
  if (rules.exclude_sale_items && line.is_sale === true) return "sale_item"
  if (line.is_giftcard === true) return "gift_card"

  const excluded = new Set(rules.excluded_kinds.map((kind) => kind.trim().toLowerCase()))
  const excludedKind = productKindsOf(line).find((kind) => excluded.has(kind))
  if (excludedKind) return `excluded_kind:${excludedKind}`
  return null
}
