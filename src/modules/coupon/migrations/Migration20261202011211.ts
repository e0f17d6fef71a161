import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202011211 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon" add column if not exists "target" text check ("target" in ('items', 'shipping')) not null default 'items', add column if not exists "max_shipping_amount" numeric null, add column if not exists "country_codes" text[] not null default '{}', add column if not exists "customer_group_ids" text[] not null default '{}', add column if not exists "min_quantity" integer null, add column if not exists "amounts" jsonb null, add column if not exists "sales_channel_ids" text[] not null default '{}', add column if not exists "region_ids" text[] not null default '{}', add column if not exists "raw_max_shipping_amount" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "coupon" drop column if exists "target", drop column if exists "max_shipping_amount", drop column if exists "country_codes", drop column if exists "customer_group_ids", drop column if exists "min_quantity", drop column if exists "amounts", drop column if exists "sales_channel_ids", drop column if exists "region_ids", drop column if exists "raw_max_shipping_amount";`);
  }

}
