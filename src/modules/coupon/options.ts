import { z } from "@medusajs/framework/zod"

/**
 * Options a merchant passes in `plugins: [{ resolve, options }]` (or to the
 * module in a development app). Validated when the module loads so a typo
 * stops start-up with a message instead of misbehaving at checkout.
 */
export const CouponPluginOptionsSchema = z
  .object({
    // Storefront link for a wallet coupon's "use now" button; `{code}` is
    // replaced with the coupon code.
    use_url_template: z
      .string()
      .refine((v) => v.includes("{code}"), {
        message: "must contain the placeholder {code}",
      })
      .optional(),
    // Public address of this Medusa server as shoppers reach it (for
    // example https://api.shop.example.com): campaign coupon-page links are
    // built on it. Without it they follow the address the admin used to
    // send the campaign, which is wrong behind an internal admin host.
    coupon_page_base_url: z
      .string()
      .url({ message: "must be an absolute URL such as https://api.shop.example.com" })
      .refine((v) => /^https?:\/\//.test(v), { message: "must start with http:// or https://" })
      .optional(),
    // Unknown-code attempts allowed before 429 (api/utils/code-attempts.ts):
    // `points` per cart and per logged-in customer, `address_points` per
    // guest client address (default 30), within `duration_seconds`.
    // `trusted_proxy_hops` says how many proxies in front of Medusa append
    // to X-Forwarded-For (default: Medusa's own `trust proxy` of 1 hop).
    code_attempts: z
      .object({
        points: z.number().int().min(1).max(1000),
        duration_seconds: z.number().int().min(1).max(86400),
        address_points: z.number().int().min(1).max(100000).optional(),
        trusted_proxy_hops: z.number().int().min(0).max(10).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

export type CouponPluginOptions = z.infer<typeof CouponPluginOptionsSchema>

// Keys Medusa itself adds to every module's options.
const FRAMEWORK_OPTION_KEYS = ["database"]

export function parseCouponPluginOptions(raw: unknown): CouponPluginOptions {
  const own = Object.fromEntries(
    Object.entries((raw ?? {}) as Record<string, unknown>).filter(
      ([key]) => !FRAMEWORK_OPTION_KEYS.includes(key)
    )
  )
  const result = CouponPluginOptionsSchema.safeParse(own)
  if (result.success) {
    return result.data
  }
  const problems = result.error.issues
    .map((i) => `  - ${i.path.join(".") || "(options)"}: ${i.message}`)
    .join("\n")
  throw new Error(
    `medusa-plugin-coupons: invalid plugin options\n${problems}\n` +
      `Fix the options of the coupon plugin in medusa-config.ts.`
  )
}
