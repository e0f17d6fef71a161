import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE } from "../../../modules/coupon"
import { drawSortedCodeRecords } from "../../../modules/coupon/lib/code-generation"
import type CouponModuleService from "../../../modules/coupon/service"

/**
 * Codes per transaction. Each chunk commits with the batch's `created`, so
 * progress is visible while the batch runs (20 steps for a million). A
 * chunk's codes are written in code order, so the bigger the chunk the more
 * of them land on index pages just written: a million took 4.4 s in chunks
 * of 50,000 against 5.3 s in chunks of 10,000 (bench:codes, 2026-12-03, 2 AMD
 * EPYC cores). The chunk's buffers are reused (fixed-width records, see
 * drawSortedCodeRecords), so its size costs the process a few megabytes.
 */
export const GENERATION_CHUNK = 50_000

/**
 * Chunks written at the same time, each in its own transaction: index
 * upkeep in PostgreSQL is most of the cost, and two writers keep both cores
 * of a small server busy while this process draws the next codes.
 */
const WRITERS = 2

/**
 * Chunks in a row that added no code before the batch gives up: the codes of
 * this shape are (nearly) all taken, so more random draws would not help.
 */
const MAX_FRUITLESS_CHUNKS = 5

/**
 * Writes the codes of a generation batch, chunk by chunk, until it has all
 * it asked for. Codes that turn out to be taken are simply not counted and
 * more are drawn, so a rare collision never fails the batch. Safe to run
 * again on the same batch (an event delivered twice, a resumed batch): it
 * continues from the batch's `created` and never writes more than asked.
 * On failure the batch's codes are withdrawn and it says why.
 */
export const generateSerialCodesStep = createStep(
  "generate-serial-codes",
  async (input: { batch_id: string }, { container }) => {
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const batch = await coupons.startCodeBatch(input.batch_id)
    if (!batch || batch.status !== "running") {
      return new StepResponse(batch)
    }
    const prefix = batch.prefix ?? ""
    const plan = { prefix, randomLength: (batch.length ?? 0) - prefix.length }
    let created = batch.created
    let inFlight = 0
    let stop = false
    let fruitless = 0
    const claim = () => {
      const size = stop ? 0 : Math.min(GENERATION_CHUNK, batch.requested - created - inFlight)
      inFlight += Math.max(size, 0)
      return size
    }
    const writer = async () => {
      // One buffer per writer, reused by every chunk: codes are drawn into it
      // as fixed-width records, never as strings (see drawSortedCodeRecords).
      const scratch = Buffer.allocUnsafe(GENERATION_CHUNK * (batch.length ?? 16) * 2)
      for (let size = claim(); size > 0; size = claim()) {
        try {
          const codes = drawSortedCodeRecords(scratch, size, plan)
          const result = await coupons.addGeneratedCodes({ batch_id: batch.id, codes })
          if (!result.running) {
            stop = true
            return
          }
          created = Math.max(created, result.created)
          fruitless = result.inserted ? 0 : fruitless + 1
          if (fruitless === MAX_FRUITLESS_CHUNKS) {
            throw new Error("nearly every code of this shape is taken already; ask for longer codes or another prefix.")
          }
        } catch (error) {
          stop = true
          throw error
        } finally {
          inFlight -= size
        }
      }
    }
    try {
      // Every writer ends before the batch is finished or failed.
      const outcomes = await Promise.allSettled(Array.from({ length: WRITERS }, writer))
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")
      if (failed) throw failed.reason
      return new StepResponse(await coupons.finishCodeBatch(batch.id), { batch_id: batch.id })
    } catch (error) {
      const message = `Generation stopped after ${created} of ${batch.requested} codes: ${(error as Error).message}`
      return StepResponse.permanentFailure(message, { batch_id: batch.id, error: message })
    }
  },
  async (input: { batch_id: string; error?: string } | undefined, { container }) => {
    if (!input) return
    await container
      .resolve<CouponModuleService>(COUPON_MODULE)
      .failCodeBatch(input.batch_id, input.error ?? "The generation was undone.")
  }
)
