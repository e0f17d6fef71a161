import Medusa from "@medusajs/js-sdk"

/**
 * The dashboard's own session (cookie) is used: the admin is served from the
 * same origin as the API, so "/" resolves to it.
 */
export const sdk = new Medusa({
  baseUrl: "/",
  auth: { type: "session" },
})
