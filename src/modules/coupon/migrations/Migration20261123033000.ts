import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The wallet counts move the entries of coupons that end soon, ended or were
 * deleted to the status their coupon gives them. This index finds one
 * customer's entries of those few coupons without reading the rest of the
 * wallet, and answers from the index alone (state, expires_at included).
 */
export class Migration20261123033000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_coupon_wallet_customer_coupon" ON "coupon_wallet_entry" ("customer_id", "coupon_id", "state", "expires_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_coupon_wallet_customer_coupon";`)
  }
}
