import { Module } from "@medusajs/framework/utils"
import CouponModuleService from "./service"
import validateOptionsLoader from "./loaders/validate-options"

export const COUPON_MODULE = "coupon"

export default Module(COUPON_MODULE, {
  service: CouponModuleService,
  loaders: [validateOptionsLoader],
})

export { CouponModuleService }
