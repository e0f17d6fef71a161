import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import type CouponModuleService from "../../../modules/coupon/service"
import { refuse } from "../../../modules/coupon/errors"
import {
  CouponDefinition,
  couponDefinitionProblem,
} from "../../../modules/coupon/lib/coupon-definition"

export type CouponDefinitionToValidate = {
  /** Set when updating: the coupon whose own code does not count as taken. */
  id?: string
  /** The coupon as it would be stored (for an update: stored values + change). */
  values: CouponDefinition & { code?: string | null; title?: string }
  /** For an update, the fields the request changes (plan rules judge only those). */
  changed_fields?: string[]
}

/** A definition refused with the field at fault as data (details.field), for forms and imports. */
const invalid = (field: string, message: string) => refuse("invalid_data", message, { field })

/**
 * Every rule a coupon definition must pass before anything is written:
 * cross-field rules, the store's plan, code uniqueness (any case, shared and
 * serial codes alike) and that referenced products and categories exist.
 */
export const validateCouponDefinitionsStep = createStep(
  "validate-coupon-definitions",
  async (input: { coupons: CouponDefinitionToValidate[] }, { container }) => {
    const couponService = container.resolve<CouponModuleService>(COUPON_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { plan } = await couponService.getSettings()

    for (const { values, changed_fields } of input.coupons) {
      const problem = couponDefinitionProblem(values, plan, changed_fields ? new Set(changed_fields) : undefined)
      if (problem) throw invalid(problem.field, problem.message)
    }

    await assertCodesFree(couponService, input.coupons)

    // The Medusa records a coupon is limited to (products, categories and,
    // docs/rules.md §7.2, customer groups, sales channels, regions) must
    // exist, or it would never apply.
    for (const [field, entity, label] of [
      ["product_ids", "product", "products"],
      ["category_ids", "product_category", "categories"],
      ["customer_group_ids", "customer_group", "customer groups"],
      ["sales_channel_ids", "sales_channel", "sales channels"],
      ["region_ids", "region", "regions"],
    ] as const) {
      const wanted = unique(input.coupons.flatMap((c) => c.values[field] ?? []))
      if (!wanted.length) continue
      const { data } = await query.graph({ entity, fields: ["id"], filters: { id: wanted } })
      const missing = missingIds(wanted, data)
      if (missing.length) {
        throw invalid(field, `${field} contains unknown ${label}: ${missing.join(", ")}.`)
      }
    }

    return new StepResponse(void 0)
  }
)

async function assertCodesFree(
  couponService: CouponModuleService,
  coupons: CouponDefinitionToValidate[]
) {
  const seen = new Set<string>()
  for (const { values } of coupons) {
    if (!values.code) continue
    if (seen.has(values.code)) {
      throw invalid("code", `Code ${values.code} appears twice in this request.`)
    }
    seen.add(values.code)
  }
  if (!seen.size) return

  const codes = [...seen]
  const ownIds = new Set(coupons.map((c) => c.id).filter(Boolean))
  const [sharedOwners, serialOwners] = await Promise.all([
    couponService.listCoupons({ code: codes }, { select: ["id", "code", "title"] }),
    couponService.listCouponCodes({ code: codes }, { select: ["id", "code"] }),
  ])
  const taken = sharedOwners.find((c) => !ownIds.has(c.id))
  if (taken) {
    throw invalid(
      "code",
      `Code ${taken.code} is already used by coupon "${taken.title}" (codes are case-insensitive). Choose another code.`
    )
  }
  if (serialOwners.length) {
    throw invalid(
      "code",
      `Code ${serialOwners[0].code} is already a serial code of another coupon (codes are case-insensitive). Choose another code.`
    )
  }
}

const unique = (values: string[]) => [...new Set(values)]

const missingIds = (wanted: string[], found: { id: string }[]) => {
  const foundIds = new Set(found.map((f) => f.id))
  return wanted.filter((id) => !foundIds.has(id))
}
