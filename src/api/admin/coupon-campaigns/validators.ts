import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import {
  CAMPAIGN_BARCODE_FORMATS,
  CAMPAIGN_EXPIRY_MODES,
  CAMPAIGN_RECIPIENT_STATUSES,
  CONTACT_CHANNEL,
  HEX_COLOR,
  MAX_CONTACT_ID_LENGTH,
  MAX_CONTACT_NAME_LENGTH,
  MAX_CONTACTS_PER_REQUEST,
} from "../../../modules/coupon/lib/campaign"

// Shape and single-field rules. Rules that relate fields to each other or to
// the database (period order, the coupon exists) live in the campaign
// workflows, so create and update are judged on the merged campaign.
const date = (field: string) =>
  z.string({ error: `${field} must be a date` }).pipe(z.coerce.date({ error: `${field} must be a date` }))

const atLeastOne = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .int({ message: `${field} must be a whole number` })
    .min(1, { message: `${field} must be at least 1` })

const color = (field: string) =>
  z
    .string({ error: `${field} must be a colour written #rrggbb` })
    .regex(HEX_COLOR, { message: `${field} must be a colour written #rrggbb (e.g. #ff6600)` })
    .transform((c) => c.toLowerCase())

const campaignFields = {
  name: z.string().trim().min(1, { message: "name cannot be empty" }).max(200, { message: "name can be at most 200 characters" }),
  instructions: z.string().max(5000, { message: "instructions can be at most 5000 characters" }).nullable(),
  coupon_id: z.string().trim().min(1, { message: "coupon_id cannot be empty" }),
  send_starts_at: date("send_starts_at"),
  send_ends_at: date("send_ends_at"),
  expiry_mode: z.enum(CAMPAIGN_EXPIRY_MODES, { message: "expiry_mode must be 'from_sending' or 'from_redemption'" }),
  expiry_days: atLeastOne("expiry_days"),
  per_contact_limit: atLeastOne("per_contact_limit"),
  // http(s) only: the URL goes into the page's <img src>.
  image_url: z
    .url({ protocol: /^https?$/, error: "image_url must be an http:// or https:// URL" })
    .max(2000, { message: "image_url can be at most 2000 characters" })
    .nullable(),
  background_color: color("background_color"),
  button_color: color("button_color"),
  button_text_color: color("button_text_color"),
  barcode_format: z.enum(CAMPAIGN_BARCODE_FORMATS, { message: "barcode_format must be 'QR', 'CODE_39' or 'CODE_128'" }),
}

export const AdminUpdateCampaign = z.object(campaignFields).partial().strict()

export type AdminUpdateCampaignType = z.infer<typeof AdminUpdateCampaign>

export const AdminCreateCampaign = AdminUpdateCampaign.required({
  name: true,
  coupon_id: true,
  send_starts_at: true,
  send_ends_at: true,
  expiry_days: true,
})

export type AdminCreateCampaignType = z.infer<typeof AdminCreateCampaign>

export const AdminGetCampaignsParams = createFindParams({ limit: 20, offset: 0 }).merge(
  z.object({ q: z.string().optional() })
)

export type AdminGetCampaignsParamsType = z.infer<typeof AdminGetCampaignsParams>

export const MAX_SEND_CUSTOMERS = 1000

export const AdminSendCampaign = z
  .object({
    customer_ids: z
      .array(z.string().trim().min(1, { message: "customer_ids cannot contain empty ids" }), {
        error: "customer_ids must be a list of customer ids",
      })
      .min(1, { message: "customer_ids must list at least one customer" })
      .max(MAX_SEND_CUSTOMERS, { message: `customer_ids can list at most ${MAX_SEND_CUSTOMERS} customers per request` }),
  })
  .strict()

export type AdminSendCampaignType = z.infer<typeof AdminSendCampaign>

const channel = z
  .string({ error: "channel must be a string" })
  .regex(CONTACT_CHANNEL, {
    message: "channel must be 1 to 32 lowercase letters, digits, '_' or '-' (e.g. line, facebook, whatsapp, sms, email)",
  })

const contactId = z
  .string({ error: "contact_id must be a string" })
  .trim()
  .min(1, { message: "contact_id cannot be empty" })
  .max(MAX_CONTACT_ID_LENGTH, { message: `contact_id can be at most ${MAX_CONTACT_ID_LENGTH} characters` })

/** One chat (or e-mail, SMS…) contact: who the coupon link is for. */
export const CampaignContact = z
  .object({
    channel,
    contact_id: contactId,
    name: z
      .string({ error: "name must be a string" })
      .trim()
      .max(MAX_CONTACT_NAME_LENGTH, { message: `name can be at most ${MAX_CONTACT_NAME_LENGTH} characters` })
      .nullable()
      .optional(),
    customer_id: z
      .string({ error: "customer_id must be a string" })
      .trim()
      .min(1, { message: "customer_id cannot be empty" })
      .max(100, { message: "customer_id can be at most 100 characters" })
      .nullable()
      .optional(),
  })
  .strict()

/**
 * Contacts' coupon links, issued on demand (POST /admin/coupon-campaigns/:id/links):
 * one contact for a bot flow, up to MAX_CONTACTS_PER_REQUEST for a bulk tool.
 */
export const AdminIssueCampaignLinks = z
  .object({
    contacts: z
      .array(CampaignContact, { error: "contacts must be a list of { channel, contact_id, name?, customer_id? }" })
      .min(1, { message: "contacts must list at least one contact" })
      .max(MAX_CONTACTS_PER_REQUEST, {
        message: `contacts can list at most ${MAX_CONTACTS_PER_REQUEST} contacts per request`,
      }),
  })
  .strict()

export type AdminIssueCampaignLinksType = z.infer<typeof AdminIssueCampaignLinks>

export const AdminIssueCampaignLinksParams = z
  .object({
    format: z.enum(["json", "csv"], { message: "format must be 'json' or 'csv'" }).default("json"),
  })
  .strict()

export type AdminIssueCampaignLinksParamsType = z.infer<typeof AdminIssueCampaignLinksParams>

export const AdminGetCampaignRedemptionsParams = createFindParams({ limit: 20, offset: 0 }).merge(
  z.object({
    status: z
      .enum(CAMPAIGN_RECIPIENT_STATUSES, { message: `status must be one of ${CAMPAIGN_RECIPIENT_STATUSES.join(", ")}` })
      .optional(),
    channel: channel.optional(),
  })
)

export type AdminGetCampaignRedemptionsParamsType = z.infer<typeof AdminGetCampaignRedemptionsParams>

export const AdminVerifyCampaignCoupon = z
  .object({
    code: z.string({ error: "code must be a string" }).trim().min(1, { message: "code cannot be empty" }),
    // Only needed for a shared code that several contacts redeemed.
    customer_id: z.string().trim().min(1, { message: "customer_id cannot be empty" }).optional(),
    channel: channel.optional(),
    contact_id: contactId.optional(),
  })
  .strict()

export type AdminVerifyCampaignCouponType = z.infer<typeof AdminVerifyCampaignCoupon>

/** The campaign form's values as they are being typed (see preview/route.ts): only their size is limited. */
export const AdminPreviewCampaign = z
  .object({
    name: z.string().max(200, { message: "name can be at most 200 characters" }).optional(),
    instructions: z.string().max(5000, { message: "instructions can be at most 5000 characters" }).nullable().optional(),
    image_url: z.string().max(2000, { message: "image_url can be at most 2000 characters" }).nullable().optional(),
    background_color: z.string().max(20).optional(),
    button_color: z.string().max(20).optional(),
    button_text_color: z.string().max(20).optional(),
    barcode_format: z
      .enum(CAMPAIGN_BARCODE_FORMATS, { message: "barcode_format must be 'QR', 'CODE_39' or 'CODE_128'" })
      .optional(),
    coupon_id: z.string().max(100).optional(),
    redeemed: z.boolean({ error: "redeemed must be true or false" }).default(false),
  })
  .strict()

export type AdminPreviewCampaignType = z.infer<typeof AdminPreviewCampaign>
