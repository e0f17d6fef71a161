import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Counters of failed code attempts, in the layout rate-limiter-flexible's
 * PostgreSQL store uses. Every server instance shares them, so the limit on
 * guessing codes holds however many instances run.
 */
export class Migration20261123023000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "coupon_code_attempt" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "coupon_code_attempt";`)
  }
}
