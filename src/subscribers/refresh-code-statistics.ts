import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { COUPON_MODULE } from "../modules/coupon"
import type CouponModuleService from "../modules/coupon/service"
import { CODE_BATCH_WRITTEN } from "../workflows/serial-codes/events"

/**
 * After a batch wrote its codes, PostgreSQL's statistics of coupon_code and
 * the summaries of its BRIN index are refreshed when the batch was big enough
 * to matter (see analyzeCodesAfterBulkWrite), so that code searches are
 * planned for the table's new size, and lookups by coupon read only its
 * pages, at once instead of after autovacuum's next visit.
 */
export default async function refreshCodeStatistics({ event, container }: SubscriberArgs<{ id: string; created: number }>) {
  await container.resolve<CouponModuleService>(COUPON_MODULE).analyzeCodesAfterBulkWrite(event.data.created)
}

export const config: SubscriberConfig = { event: CODE_BATCH_WRITTEN }
