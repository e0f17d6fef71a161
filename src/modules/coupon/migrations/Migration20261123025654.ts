import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123025654 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon_cart" add column if not exists "cart_fingerprint" text null, add column if not exists "allocations" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "coupon_cart" drop column if exists "cart_fingerprint", drop column if exists "allocations";`);
  }

}
