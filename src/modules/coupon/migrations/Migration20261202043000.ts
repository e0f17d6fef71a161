import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Campaign recipients become contacts (channel + contact_id, optional
// customer): rows sent before are the e-mail contacts of their customers.
export class Migration20261202043000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon_campaign_recipient" add column if not exists "channel" text null, add column if not exists "contact_id" text null, add column if not exists "contact_name" text null;`);
    // The customer table is another module's: read only when it is there (a fresh database has no rows to fill).
    this.addSql(`do $$ begin
      if to_regclass('customer') is not null then
        execute 'update coupon_campaign_recipient r set channel = ''email'', contact_id = coalesce((select c.email from customer c where c.id = r.customer_id), r.customer_id) where r.channel is null';
      else
        update coupon_campaign_recipient set channel = 'email', contact_id = customer_id where channel is null;
      end if;
    end $$;`);
    this.addSql(`alter table if exists "coupon_campaign_recipient" alter column "channel" set not null, alter column "contact_id" set not null, alter column "customer_id" drop not null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_campaign_recipient_contact" ON "coupon_campaign_recipient" ("campaign_id", "channel", "contact_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_coupon_campaign_recipient_contact";`);
    this.addSql(`delete from "coupon_campaign_recipient" where "customer_id" is null;`);
    this.addSql(`alter table if exists "coupon_campaign_recipient" alter column "customer_id" set not null, drop column if exists "channel", drop column if exists "contact_id", drop column if exists "contact_name";`);
  }

}
