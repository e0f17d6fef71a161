import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// A serial code a campaign contact without a store account redeemed gets its
// own holder column: customer_id is for store customers only. Codes reserved
// before held the recipient id (ccrec_…) in customer_id; they move over.
export class Migration20261202060000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon_code" add column if not exists "campaign_recipient_id" text null;`);
    this.addSql(`update "coupon_code" set "campaign_recipient_id" = "customer_id", "customer_id" = null where "customer_id" like 'ccrec\\_%';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_code_campaign_recipient_id" ON "coupon_code" ("campaign_recipient_id") WHERE deleted_at IS NULL AND campaign_recipient_id IS NOT NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_coupon_code_campaign_recipient_id";`);
    this.addSql(`update "coupon_code" set "customer_id" = "campaign_recipient_id" where "customer_id" is null and "campaign_recipient_id" is not null;`);
    this.addSql(`alter table if exists "coupon_code" drop column if exists "campaign_recipient_id";`);
  }

}
