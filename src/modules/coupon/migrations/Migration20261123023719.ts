import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123023719 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "coupon_campaign" ("id" text not null, "name" text not null, "instructions" text null, "send_starts_at" timestamptz not null, "send_ends_at" timestamptz not null, "expiry_mode" text check ("expiry_mode" in ('from_sending', 'from_redemption')) not null default 'from_sending', "expiry_days" integer not null, "per_contact_limit" integer not null default 1, "image_url" text null, "background_color" text not null default '#ffffff', "button_color" text not null default '#111827', "button_text_color" text not null default '#ffffff', "barcode_format" text check ("barcode_format" in ('QR', 'CODE_39', 'CODE_128')) not null default 'QR', "coupon_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_campaign_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_campaign_coupon_id" ON "coupon_campaign" ("coupon_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_campaign_deleted_at" ON "coupon_campaign" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "coupon_campaign_recipient" ("id" text not null, "customer_id" text not null, "token" text not null, "status" text check ("status" in ('sent', 'opened', 'redeemed', 'verified')) not null default 'sent', "code" text null, "wallet_entry_id" text null, "sent_at" timestamptz not null, "opened_at" timestamptz null, "redeemed_at" timestamptz null, "verified_at" timestamptz null, "campaign_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_campaign_recipient_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_campaign_recipient_campaign_id" ON "coupon_campaign_recipient" ("campaign_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_campaign_recipient_deleted_at" ON "coupon_campaign_recipient" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_coupon_campaign_recipient_token" ON "coupon_campaign_recipient" ("token") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_campaign_recipient_customer" ON "coupon_campaign_recipient" ("campaign_id", "customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_campaign_recipient_code" ON "coupon_campaign_recipient" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "coupon_campaign" add constraint "coupon_campaign_coupon_id_foreign" foreign key ("coupon_id") references "coupon" ("id") on update cascade;`);

    this.addSql(`alter table if exists "coupon_campaign_recipient" add constraint "coupon_campaign_recipient_campaign_id_foreign" foreign key ("campaign_id") references "coupon_campaign" ("id") on update cascade;`);

    this.addSql(`alter table if exists "coupon_wallet_entry" add column if not exists "campaign_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "coupon_campaign_recipient" drop constraint if exists "coupon_campaign_recipient_campaign_id_foreign";`);

    this.addSql(`drop table if exists "coupon_campaign" cascade;`);

    this.addSql(`drop table if exists "coupon_campaign_recipient" cascade;`);

    this.addSql(`alter table if exists "coupon_wallet_entry" drop column if exists "campaign_id";`);
  }

}
