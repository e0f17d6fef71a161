import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123020628 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon_redemption" drop constraint if exists "coupon_redemption_live_cart_unique";`);
    this.addSql(`alter table if exists "coupon_code" drop constraint if exists "coupon_code_code_unique";`);
    this.addSql(`alter table if exists "coupon_blocklist_entry" drop constraint if exists "coupon_blocklist_customer_unique";`);
    this.addSql(`alter table if exists "coupon" drop constraint if exists "coupon_code_unique";`);
    this.addSql(`create table if not exists "coupon" ("id" text not null, "code" text null, "title" text not null, "description" text null, "type" text check ("type" in ('fixed', 'percentage')) not null, "amount" numeric null, "percentage" numeric null, "max_discount" numeric null, "currency_code" text null, "min_spend" numeric null, "starts_at" timestamptz null, "ends_at" timestamptz null, "is_active" boolean not null default true, "first_order_only" boolean not null default false, "exclude_sale_items" boolean not null default false, "product_ids" text[] not null default '{}', "category_ids" text[] not null default '{}', "usage_limit" integer null, "usage_limit_per_customer" integer null, "usage_count" integer not null default 0, "renewal_applicable" boolean not null default false, "allocation" text check ("allocation" in ('even', 'proportional')) not null default 'even', "validity_days" integer null, "metadata" jsonb null, "raw_amount" jsonb null, "raw_percentage" jsonb null, "raw_max_discount" jsonb null, "raw_min_spend" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_deleted_at" ON "coupon" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_coupon_code_unique" ON "coupon" ("code") WHERE deleted_at IS NULL AND code IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_is_active" ON "coupon" ("is_active") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "coupon_blocklist_entry" ("id" text not null, "customer_id" text not null, "reason" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_blocklist_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_blocklist_entry_deleted_at" ON "coupon_blocklist_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_coupon_blocklist_customer_unique" ON "coupon_blocklist_entry" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "coupon_code_batch" ("id" text not null, "source" text check ("source" in ('generate', 'import')) not null, "status" text check ("status" in ('pending', 'running', 'done', 'failed')) not null default 'pending', "requested" integer not null, "created" integer not null default 0, "prefix" text null, "length" integer null, "error" text null, "coupon_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_code_batch_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_code_batch_coupon_id" ON "coupon_code_batch" ("coupon_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_code_batch_deleted_at" ON "coupon_code_batch" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "coupon_code" ("id" text not null, "code" text not null, "max_uses" integer not null default 1, "usage_count" integer not null default 0, "customer_id" text null, "coupon_id" text not null, "batch_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_code_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_code_coupon_id" ON "coupon_code" ("coupon_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_code_batch_id" ON "coupon_code" ("batch_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_code_deleted_at" ON "coupon_code" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_coupon_code_code_unique" ON "coupon_code" ("code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_code_customer_id" ON "coupon_code" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "coupon_redemption" ("id" text not null, "status" text check ("status" in ('held', 'redeemed', 'released', 'canceled')) not null default 'held', "code" text not null, "coupon_code_id" text null, "cart_id" text not null, "order_id" text null, "customer_id" text null, "email" text null, "currency_code" text not null, "discount_total" numeric not null, "allocations" jsonb not null, "hold_expires_at" timestamptz null, "coupon_id" text not null, "raw_discount_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_redemption_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_coupon_id" ON "coupon_redemption" ("coupon_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_deleted_at" ON "coupon_redemption" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_coupon_redemption_live_cart_unique" ON "coupon_redemption" ("cart_id") WHERE deleted_at IS NULL AND status IN ('held', 'redeemed');`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_customer" ON "coupon_redemption" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_email" ON "coupon_redemption" ("email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_redemption_order" ON "coupon_redemption" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "coupon_settings" ("id" text not null, "enabled" boolean not null default true, "plan" text check ("plan" in ('basic', 'advanced')) not null default 'advanced', "expiring_soon_days" integer not null default 7, "payment_hold_minutes" integer not null default 30, "excluded_product_kinds" text[] not null default '{}', "allowed_order_types" text[] not null default '{}', "restore_usage_on_cancel" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_settings_deleted_at" ON "coupon_settings" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "coupon_wallet_entry" ("id" text not null, "customer_id" text not null, "code" text not null, "coupon_code_id" text null, "source" text check ("source" in ('admin', 'campaign', 'claim')) not null, "state" text check ("state" in ('available', 'used', 'voided')) not null default 'available', "received_at" timestamptz not null, "expires_at" timestamptz null, "used_at" timestamptz null, "order_id" text null, "coupon_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_wallet_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_wallet_entry_coupon_id" ON "coupon_wallet_entry" ("coupon_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_wallet_entry_deleted_at" ON "coupon_wallet_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_wallet_customer_state" ON "coupon_wallet_entry" ("customer_id", "state", "expires_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "coupon_code_batch" add constraint "coupon_code_batch_coupon_id_foreign" foreign key ("coupon_id") references "coupon" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "coupon_code" add constraint "coupon_code_coupon_id_foreign" foreign key ("coupon_id") references "coupon" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table if exists "coupon_code" add constraint "coupon_code_batch_id_foreign" foreign key ("batch_id") references "coupon_code_batch" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table if exists "coupon_redemption" add constraint "coupon_redemption_coupon_id_foreign" foreign key ("coupon_id") references "coupon" ("id") on update cascade;`);

    this.addSql(`alter table if exists "coupon_wallet_entry" add constraint "coupon_wallet_entry_coupon_id_foreign" foreign key ("coupon_id") references "coupon" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "coupon_code_batch" drop constraint if exists "coupon_code_batch_coupon_id_foreign";`);

    this.addSql(`alter table if exists "coupon_code" drop constraint if exists "coupon_code_coupon_id_foreign";`);

    this.addSql(`alter table if exists "coupon_redemption" drop constraint if exists "coupon_redemption_coupon_id_foreign";`);

    this.addSql(`alter table if exists "coupon_wallet_entry" drop constraint if exists "coupon_wallet_entry_coupon_id_foreign";`);

    this.addSql(`alter table if exists "coupon_code" drop constraint if exists "coupon_code_batch_id_foreign";`);

    this.addSql(`drop table if exists "coupon" cascade;`);

    this.addSql(`drop table if exists "coupon_blocklist_entry" cascade;`);

    this.addSql(`drop table if exists "coupon_code_batch" cascade;`);

    this.addSql(`drop table if exists "coupon_code" cascade;`);

    this.addSql(`drop table if exists "coupon_redemption" cascade;`);

    this.addSql(`drop table if exists "coupon_settings" cascade;`);

    this.addSql(`drop table if exists "coupon_wallet_entry" cascade;`);
  }

}
