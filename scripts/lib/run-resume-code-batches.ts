/**
 * Runs the resume-serial-code-batches job once, now (`medusa exec`), for the
 * fault check (scripts/check-faults.mjs): the scheduled job fires every five
 * minutes, which a test cannot wait for.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import resumeSerialCodeBatches from "../../src/jobs/resume-serial-code-batches"

export default async function runResumeCodeBatches({ container }: ExecArgs) {
  await resumeSerialCodeBatches(container)
}
