import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * `GET /store/customers/me/coupons` pages a customer's wallet newest first.
 * Read backwards, this index serves that order directly, so a page of a
 * 10,000-entry wallet reads about 20 entries instead of sorting all of them.
 */
export class Migration20261123031500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_coupon_wallet_customer_received" ON "coupon_wallet_entry" ("customer_id", "received_at", "id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_coupon_wallet_customer_received";`)
  }
}
