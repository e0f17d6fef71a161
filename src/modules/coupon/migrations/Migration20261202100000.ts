import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// An order names the cart it came from in metadata.coupon_cart_id (copied
// from the cart by Medusa, see reconcile-queries.ts); reconciliation looks
// orders up by it. The table is Medusa's order module's, created by its own
// migrations: the index is only added once it exists.
export class Migration20261202100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`DO $$ BEGIN
      IF to_regclass('"order"') IS NOT NULL THEN
        CREATE INDEX IF NOT EXISTS "IDX_order_coupon_cart_id" ON "order" ((metadata->>'coupon_cart_id'))
          WHERE deleted_at IS NULL AND (metadata->>'coupon_cart_id') IS NOT NULL;
      END IF;
    END $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_order_coupon_cart_id";`);
  }

}
