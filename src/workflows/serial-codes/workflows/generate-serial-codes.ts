import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { generateSerialCodesStep } from "../steps/generate-serial-codes"

/** Writes the codes of a pending (or interrupted) generation batch. */
export const generateSerialCodesWorkflow = createWorkflow(
  "generate-serial-codes",
  (input: { batch_id: string }) => {
    return new WorkflowResponse(generateSerialCodesStep(input))
  }
)
