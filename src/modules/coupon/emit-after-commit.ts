import { MessageAggregator } from "@medusajs/framework/utils"

/*
 * Medusa's @EmitEvents reads the context from its caller's arguments, so a
 * module method called without one (a subscriber, a job, a workflow step)
 * crashes it. This decorator, placed above @InjectTransactionManager, gives
 * the method a message aggregator, lets the transaction run and commit, and
 * only then sends what the method queued (service.ts announcer_). A
 * method that throws sends nothing. When the caller brought its own
 * aggregator, the caller sends the events (after its own transaction).
 */
export function EmitAfterCommit() {
  return function (target: any, propertyKey: string, descriptor: PropertyDescriptor) {
    const original = descriptor.value
    descriptor.value = async function (this: any, ...args: any[]) {
      const index = target.MedusaContextIndex_[propertyKey]
      const context = (args[index] ??= {})
      const owned = !context.messageAggregator
      if (owned) context.messageAggregator = new MessageAggregator()
      const result = await original.apply(this, args)
      if (owned && context.messageAggregator.count() > 0) {
        const { default: messages } = context.messageAggregator.getMessages()
        context.messageAggregator.clearMessages()
        await this.eventBusModuleService_?.emit(messages)
      }
      return result
    }
  }
}
