import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { planSerialCodes } from "../../../modules/coupon/lib/code-generation"

export type SerialCodeRequest = { quantity: number; prefix?: string; length?: number }

/**
 * The code shape of a generation request: prefix and total length. A request
 * the alphabet cannot satisfy (too many codes for the length, a prefix that
 * leaves too little room, more than 1,000,000 codes) is refused here.
 */
export const planSerialCodesStep = createStep("plan-serial-codes", async (input: SerialCodeRequest) => {
  try {
    const plan = planSerialCodes(input)
    return new StepResponse({ prefix: plan.prefix, length: plan.prefix.length + plan.randomLength })
  } catch (error) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, (error as Error).message)
  }
})
