import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
  MiddlewareRoute,
} from "@medusajs/framework/http"
import { validateAndTransformQuery } from "@medusajs/framework/http"
import { validateBody } from "../../../../utils/validate-body"
import { AdminCreateCouponCodes, AdminGetCouponCodesParams } from "./validators"

const validateCreateCodes = validateBody(AdminCreateCouponCodes)

/** A multipart request is a CSV import, read as a stream by the route; JSON bodies are validated here. */
function validateJsonBody(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (req.is("multipart/form-data")) return next()
  return validateCreateCodes(req, res, next)
}

export const adminCouponCodeRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/coupons/:id/codes",
    methods: ["POST"],
    middlewares: [validateJsonBody],
  },
  {
    matcher: "/admin/coupons/:id/codes",
    methods: ["GET"],
    middlewares: [
      validateAndTransformQuery(AdminGetCouponCodesParams, { defaults: [], isList: true, defaultLimit: 20 }),
    ],
  },
]
