/*
 * Requests whose refusals the admin reads as data. The js-sdk's FetchError
 * keeps only the message; the plugin answers every 4xx as
 * `{ type, message, code, details? }` (docs/api.md), and forms need `code`
 * and `details.field`, the import report `details.problems`. The dashboard
 * is served from the API's origin with its session cookie, like the sdk
 * (lib/sdk.ts: baseUrl "/", session auth), so a same-origin fetch reaches
 * the same backend with the same credentials.
 */

/** A refused request: the API's message, its stable code and its details. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly details: Record<string, unknown> | null
  ) {
    super(message)
    this.name = "ApiError"
  }
}

/** The raw response of a request that succeeded; an ApiError with the body's code and details otherwise. */
export async function request(
  path: string,
  init: { method: "POST" | "DELETE"; body?: Record<string, unknown> | FormData }
): Promise<Response> {
  const json = init.body !== undefined && !(init.body instanceof FormData)
  const res = await fetch(path, {
    method: init.method,
    credentials: "include",
    // FormData: the browser sets the multipart boundary itself.
    headers: json ? { "content-type": "application/json", accept: "application/json" } : { accept: "application/json" },
    body: json ? JSON.stringify(init.body) : (init.body as FormData | undefined),
  })
  if (res.ok) return res
  const body = await res.json().catch(() => null)
  throw new ApiError(
    typeof body?.message === "string" ? body.message : res.statusText || `Request failed (${res.status})`,
    res.status,
    typeof body?.code === "string" ? body.code : null,
    body?.details && typeof body.details === "object" ? body.details : null
  )
}

/** The JSON answer of a POST or DELETE, refusals thrown as ApiError. */
export const send = <T>(method: "POST" | "DELETE", path: string, body?: Record<string, unknown> | FormData) =>
  request(path, { method, body }).then((res) => res.json() as Promise<T>)

/** The details of a refusal, when the error is one. */
export const detailsOf = (error: unknown): Record<string, unknown> | null => (error instanceof ApiError ? error.details : null)
