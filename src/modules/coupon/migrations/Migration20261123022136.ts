import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123022136 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "coupon_cart" drop constraint if exists "coupon_cart_cart_unique";`);
    this.addSql(`create table if not exists "coupon_cart" ("id" text not null, "cart_id" text not null, "code" text not null, "coupon_code_id" text null, "status" text check ("status" in ('applied', 'removed')) not null default 'applied', "removed_reason" text null, "suspended_promo_codes" text[] not null default '{}', "coupon_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "coupon_cart_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_cart_coupon_id" ON "coupon_cart" ("coupon_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_coupon_cart_deleted_at" ON "coupon_cart" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_coupon_cart_cart_unique" ON "coupon_cart" ("cart_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "coupon_cart" add constraint "coupon_cart_coupon_id_foreign" foreign key ("coupon_id") references "coupon" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "coupon_cart" cascade;`);
  }

}
