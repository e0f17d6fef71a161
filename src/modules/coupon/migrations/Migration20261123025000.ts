import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Lists and prefix searches of a coupon's serial codes
 * (`GET /admin/coupons/:id/codes?q=`) read this index in code order, so they
 * stay fast with a million codes per coupon. COLLATE "C" makes a btree serve
 * `LIKE 'ABC%'` under any database collation. DML cannot declare a collation,
 * so the index is written here and named in the CouponCode model's comment.
 */
export class Migration20261123025000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_coupon_code_coupon_id_code" ON "coupon_code" ("coupon_id", "code" COLLATE "C") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_coupon_code_coupon_id_code";`)
  }
}
