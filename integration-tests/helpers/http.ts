/**
 * Awaits a request that must be refused and returns its status and message;
 * fails the test when the request succeeds.
 */
export async function refusal(promise: Promise<unknown>): Promise<{ status?: number; message?: string }> {
  const error: any = await promise.then(
    () => {
      throw new Error("expected the request to be refused")
    },
    (e) => e
  )
  return { status: error.response?.status, message: error.response?.data?.message }
}
