import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123060812 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_coupon_held" ON "coupon_redemption" ("coupon_id", "hold_expires_at") WHERE deleted_at IS NULL AND status = 'held';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_coupon_code" ON "coupon_redemption" ("coupon_code_id") WHERE deleted_at IS NULL AND coupon_code_id IS NOT NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_coupon_redemption_coupon_held";`);
    this.addSql(`drop index if exists "IDX_coupon_redemption_coupon_code";`);
  }

}
