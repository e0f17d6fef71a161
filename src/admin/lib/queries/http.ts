/** The two ways the admin reaches the API: reads through the js-sdk, writes through lib/request.ts (which keeps a refusal's code and details for the forms). */
import { send } from "../request"
import { sdk } from "../sdk"

export const get = <T>(path: string, query?: Record<string, unknown>) =>
  sdk.client.fetch<T>(path, { method: "GET", query })

// Writes keep the refusal's code and details for the forms (lib/request.ts).
export const post = <T>(path: string, body: Record<string, unknown>) => send<T>("POST", path, body)

export const del = <T>(path: string) => send<T>("DELETE", path)
