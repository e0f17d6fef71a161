import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { CouponEvents } from "../../../modules/coupon/events"
import { updateCouponStep } from "../steps/update-coupon"
import { validateCouponDefinitionsStep } from "../steps/validate-coupon-definitions"
import { normalizeCouponInput } from "../normalize"

export const COUPON_DEFINITION_FIELDS = [
  "id",
  "code",
  "title",
  "type",
  "amount",
  "percentage",
  "max_discount",
  "currency_code",
  "min_spend",
  "starts_at",
  "ends_at",
  "first_order_only",
  "product_ids",
  "category_ids",
  "usage_limit",
  "usage_limit_per_customer",
  "target",
  "max_shipping_amount",
  "country_codes",
  "customer_group_ids",
  "min_quantity",
  "amounts",
  "sales_channel_ids",
  "region_ids",
]

export const updateCouponWorkflow = createWorkflow(
  "update-coupon",
  (input: { id: string; update: Record<string, unknown>; actor_id?: string | null }) => {
    const { data: existing } = useQueryGraphStep({
      entity: "coupon",
      fields: COUPON_DEFINITION_FIELDS,
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    const update = transform({ input }, ({ input }) => normalizeCouponInput(input.update))
    const toValidate = transform({ existing, update, input }, ({ existing, update, input }) => ({
      coupons: [
        {
          id: input.id,
          values: { ...existing[0], ...update } as any,
          changed_fields: Object.keys(update),
        },
      ],
    }))
    validateCouponDefinitionsStep(toValidate)
    // The change and its audit entry (before → after) in one transaction (docs/rules.md §7.4).
    const updated = updateCouponStep(
      transform({ input, update }, ({ input, update }) => ({ id: input.id, update, actor_id: input.actor_id }))
    )
    // No event for an update that changed nothing (an empty list emits none).
    emitEventStep({
      eventName: CouponEvents.COUPON_UPDATED,
      data: transform({ input, updated }, ({ input, updated }) =>
        updated.changed_fields.length
          ? [{ id: input.id, changed_fields: updated.changed_fields, actor_id: input.actor_id ?? null }]
          : []
      ),
    })
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated.coupon))
  }
)
