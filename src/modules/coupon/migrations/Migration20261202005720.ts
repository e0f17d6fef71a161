import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202005720 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "coupon_audit_entry" ("id" text not null, "resource_type" text check ("resource_type" in ('coupon', 'campaign', 'settings', 'blocklist')) not null, "resource_id" text not null, "coupon_id" text null, "action" text not null, "actor_id" text null, "changes" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_audit_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_audit_entry_deleted_at" ON "coupon_audit_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_audit_entry_coupon_created" ON "coupon_audit_entry" ("coupon_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_audit_entry_resource" ON "coupon_audit_entry" ("resource_type", "resource_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "coupon_audit_entry" cascade;`);
  }

}
