import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COUPON_MODULE } from "../../../../../modules/coupon"
import type CouponModuleService from "../../../../../modules/coupon/service"
import { normalizeCode } from "../../../../../modules/coupon/lib/code-generation"
import { createFixedSerialWorkflow } from "../../../../../workflows/serial-codes/workflows/create-fixed-serial"
import { importSerialCodesWorkflow } from "../../../../../workflows/serial-codes/workflows/import-serial-codes"
import { requestSerialCodesWorkflow } from "../../../../../workflows/serial-codes/workflows/request-serial-codes"
import { presentBatch } from "./present"
import { saveCsvUpload } from "./csv-upload"
import type { AdminCreateCouponCodesType, AdminGetCouponCodesParamsType } from "./validators"

/**
 * - JSON `{ quantity, prefix?, length? }`: a generation batch, answered at
 *   once as `pending`; poll GET /admin/coupons/:id/code-batches/:batch_id.
 * - JSON `{ code, quantity }`: a fixed serial, one code usable `quantity` times.
 * - multipart `file` (CSV): an import, done within the request, all or nothing.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateCouponCodesType>, res: MedusaResponse) {
  const couponId = req.params.id
  if (req.is("multipart/form-data")) {
    // An unknown coupon is refused before the upload is read.
    await req.scope.resolve<CouponModuleService>(COUPON_MODULE).retrieveCoupon(couponId, { select: ["id"] })
    const upload = await saveCsvUpload(req)
    try {
      const { result: batch } = await importSerialCodesWorkflow(req.scope).run({
        input: { coupon_id: couponId, file_path: upload.path, actor_id: req.auth_context.actor_id },
      })
      res.json({ batch: presentBatch(batch) })
    } finally {
      await upload.remove()
    }
    return
  }

  const body = req.validatedBody
  if (body.code !== undefined) {
    const { result } = await createFixedSerialWorkflow(req.scope).run({
      input: { coupon_id: couponId, code: normalizeCode(body.code), max_uses: body.quantity, actor_id: req.auth_context.actor_id },
    })
    res.json({ batch: presentBatch(result.batch), code: result.code })
    return
  }

  const { result: batch } = await requestSerialCodesWorkflow(req.scope).run({
    input: { coupon_id: couponId, quantity: body.quantity, prefix: body.prefix, length: body.length, actor_id: req.auth_context.actor_id },
  })
  res.json({ batch: presentBatch(batch) })
}

/** A page of the coupon's serial codes with their state, optionally those starting with `q`. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const couponService = req.scope.resolve<CouponModuleService>(COUPON_MODULE)
  await couponService.retrieveCoupon(req.params.id, { select: ["id"] })
  const { q } = req.validatedQuery as AdminGetCouponCodesParamsType
  const { skip, take } = req.queryConfig.pagination
  const { codes, count } = await couponService.readSerialCodes({
    coupon_id: req.params.id,
    q: q ? normalizeCode(q) : undefined,
    limit: take!,
    offset: skip!,
  })
  res.json({ codes, count, limit: take, offset: skip })
}
