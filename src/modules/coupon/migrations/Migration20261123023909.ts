import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123023909 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon_redemption" drop constraint if exists "coupon_redemption_status_check";`);

    this.addSql(`alter table if exists "coupon_redemption" add constraint "coupon_redemption_status_check" check("status" in ('held', 'redeemed', 'released', 'canceled', 'refunded'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "coupon_redemption" drop constraint if exists "coupon_redemption_status_check";`);

    this.addSql(`alter table if exists "coupon_redemption" add constraint "coupon_redemption_status_check" check("status" in ('held', 'redeemed', 'released', 'canceled'));`);
  }

}
