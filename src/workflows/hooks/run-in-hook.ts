import type { ReturnWorkflow, StepExecutionContext } from "@medusajs/framework/workflows-sdk"

/*
 * A handler on a Medusa hook runs when the hook's step runs, so it cannot
 * compose `workflow.runAsStep` (that only works while a workflow is being
 * composed). These two do at run time what runAsStep's step does: run the
 * plugin's workflow as a child of the hook's step (same event group, the
 * parent releases the events) and cancel it — its compensations, newest
 * first — when the parent workflow is undone.
 */


function childContext(step: StepExecutionContext, workflowId: string) {
  return {
    ...(step.context ?? {}),
    transactionId: `${workflowId}-in-${step.transactionId ?? step.idempotencyKey}${step.attempt > 1 ? `-attempt-${step.attempt}` : ""}`,
    parentStepIdempotencyKey: step.idempotencyKey,
    preventReleaseEvents: true,
  }
}

export async function runWorkflowInHook<I, O>(
  workflow: ReturnWorkflow<I, O, any[]>,
  input: I,
  step: StepExecutionContext
): Promise<{ result: O; transaction: unknown }> {
  const { result, transaction } = await workflow(step.container).run({ input, context: childContext(step, workflow.getName()) })
  return { result: result as O, transaction }
}

export async function cancelWorkflowInHook<I, O>(
  workflow: ReturnWorkflow<I, O, any[]>,
  transaction: unknown,
  step: StepExecutionContext
) {
  await workflow(step.container).cancel({
    transaction: (transaction as any)?.transaction ?? transaction,
    context: { ...childContext(step, workflow.getName()), cancelingFromParentStep: true },
  })
}
