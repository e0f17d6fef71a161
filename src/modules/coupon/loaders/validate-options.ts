import { LoaderOptions } from "@medusajs/framework/types"
import { parseCouponPluginOptions } from "../options"

/** Fails module start-up with a readable message when the options are wrong. */
export default async function validateOptionsLoader({ options }: LoaderOptions) {
  parseCouponPluginOptions(options)
}
