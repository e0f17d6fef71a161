import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * `coupon_code` is written a million rows at a time (docs/rules.md §5: generate
 * or import), and PostgreSQL spends that time on the table's constraints and
 * indexes, measured on a million codes:
 *
 * - the two foreign keys ran one referential check per row and per key
 *   (about 40% of the COPY). `coupon_id` and `batch_id` are now plain
 *   columns: codes are only written by the module's own SQL, for a coupon
 *   and batch it has just read, and coupons and batches are soft-deleted
 *   together with their codes (withdrawCodesOfCoupons, deleteCodeBatch);
 * - the index on (coupon_id, code COLLATE "C") for lists and prefix
 *   searches was a second index in random code order beside the unique one.
 *   The `code` column itself now has the "C" collation, so the unique index
 *   serves equality, order and `LIKE 'ABC%'` alike (codes are upper-case
 *   ASCII, for which "C" order is the natural one);
 * - the customer index held a NULL for every code that is in no wallet;
 *   it now holds only assigned codes.
 */
export class Migration20261123050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE IF EXISTS "coupon_code" DROP CONSTRAINT IF EXISTS "coupon_code_coupon_id_foreign";`)
    this.addSql(`ALTER TABLE IF EXISTS "coupon_code" DROP CONSTRAINT IF EXISTS "coupon_code_batch_id_foreign";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_coupon_code_coupon_id_code";`)
    this.addSql(`ALTER TABLE "coupon_code" ALTER COLUMN "code" TYPE text COLLATE "C";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_coupon_code_customer_id";`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_coupon_code_customer_id" ON "coupon_code" ("customer_id") WHERE deleted_at IS NULL AND customer_id IS NOT NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_coupon_code_customer_id";`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_code_customer_id" ON "coupon_code" ("customer_id") WHERE deleted_at IS NULL;`)
    this.addSql(`ALTER TABLE "coupon_code" ALTER COLUMN "code" TYPE text COLLATE "default";`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_coupon_code_coupon_id_code" ON "coupon_code" ("coupon_id", "code" COLLATE "C") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `ALTER TABLE IF EXISTS "coupon_code" ADD CONSTRAINT "coupon_code_coupon_id_foreign" FOREIGN KEY ("coupon_id") REFERENCES "coupon" ("id") ON UPDATE CASCADE ON DELETE CASCADE;`
    )
    this.addSql(
      `ALTER TABLE IF EXISTS "coupon_code" ADD CONSTRAINT "coupon_code_batch_id_foreign" FOREIGN KEY ("batch_id") REFERENCES "coupon_code_batch" ("id") ON UPDATE CASCADE ON DELETE SET NULL;`
    )
  }
}
