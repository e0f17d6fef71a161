import type { Context } from "@medusajs/framework/types"
import type { Knex, SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"

/*
 * The one way the coupon module reaches PostgreSQL with its own SQL (the
 * `*-queries.ts` files): a knex handle on the connection of the method's
 * shared context. Medusa's Context types its managers as unknown; they are
 * MikroORM SQL entity managers, said here once.
 */

/** A raw-SQL handle: the module's connection, or a transaction on it. */
export type Sql = Knex

/** The connection of an `@InjectManager()` method (reads, single statements). */
export function sqlOf(context: Context): Sql {
  return (context.manager as SqlEntityManager).getKnex()
}

/** The transaction of an `@InjectTransactionManager()` method: its statements commit or roll back together. */
export function transactionSqlOf(context: Context): Knex.Transaction {
  const transaction = (context.transactionManager as SqlEntityManager).getTransactionContext<Knex.Transaction>()
  if (!transaction) throw new Error("transactionSqlOf: called outside @InjectTransactionManager()")
  return transaction
}
