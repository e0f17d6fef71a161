/*
 * The coupon module's service: Medusa's generated CRUD plus the module's own reads and
 * writes, most a thin wrapper over the *-queries.ts SQL through the typed handle of
 * sql-handle.ts. Long because it lists them, and because the uses' SQL (claimRedemption_,
 * the releases, settleOrderRedemption) still lives here: moving it to a
 * redemption-queries.ts, as the other domains are, is the split a later change should make.
 */
import { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import { Coupon } from "./models/coupon"
import { CouponAuditEntry } from "./models/coupon-audit-entry"
import { CouponBlocklistEntry } from "./models/coupon-blocklist-entry"
import { CouponCode } from "./models/coupon-code"
import { CouponCart } from "./models/coupon-cart"
import { CouponCampaign } from "./models/coupon-campaign"
import { CouponCampaignRecipient } from "./models/coupon-campaign-recipient"
import { CouponCodeBatch } from "./models/coupon-code-batch"
import { CouponRedemption } from "./models/coupon-redemption"
import { CouponSettings } from "./models/coupon-settings"
import { CouponWalletEntry } from "./models/coupon-wallet-entry"
import { CouponPluginOptions, parseCouponPluginOptions } from "./options"
import { refuse } from "./errors"
import { CouponEventName, CouponEvents, RedemptionReleaseReason } from "./events"
import { EmitAfterCommit } from "./emit-after-commit"
import { Readable, Writable } from "node:stream"
import { CodeExportFilter, streamCodesCsv } from "./code-export-queries"
import type { CodeRecords } from "./lib/code-generation"
import { readCodeRows } from "./lib/code-import"
import { AuditEntryInput, entriesWorthRecording } from "./lib/audit"
import {
  addGeneratedCodes,
  CodeBatchClosed,
  CodeBatchRow,
  createFixedSerial,
  deleteCodeBatch,
  failCodeBatch,
  analyzeCodesAfterBulkWrite,
  finishCodeBatch,
  importCodes,
  listSerialCodes,
  reinstateCodesOfCoupons,
  staleCodeBatchIds,
  startCodeBatch,
  withdrawCodesOfCoupons,
} from "./serial-code-queries"
import {
  campaignFunnels,
  deleteIssuedRecipients,
  IssuedRecipient,
  issueRecipients,
  linkRecipientCustomer,
  handContactSerialCode,
  markRecipientOpened,
  markRecipientRedeemed,
  RecipientRedemption,
  RecipientToIssue,
  unlinkRecipientCustomer,
  unmarkRecipientOpened,
  unmarkRecipientRedeemed,
  unverifyRecipient,
  verifyRecipient,
  VerifyInput,
} from "./campaign-queries"
import { checkConsistency, ConsistencyReport } from "./consistency-queries"
import { CART_HAS_ORDER, ReconciledUse, redeemHeldUsesWithOrders, ReconcileScope } from "./reconcile-queries"
import { liveUseSql } from "./rule-sql"
import { type Sql, sqlOf, transactionSqlOf } from "./sql-handle"
import {
  CartCouponRow,
  ClaimCartCouponRow,
  findCouponCodes,
  FoundCouponCode,
  isCustomerBlocked,
  ListedCoupon,
  readCartCoupon,
  readListedCoupons,
  readSerialCode,
  readSettingsRow,
} from "./checkout-queries"
import { DEFAULT_EXCLUDED_PRODUCT_KINDS } from "./lib/eligibility"
import { couponClosedRefusal, usageLimitMessage } from "./lib/evaluate-coupon"
import {
  markWalletEntryUsed,
  restoreWalletEntryOfOrder,
  queryWallet,
  releaseSerialCodes,
  reserveFreeSerialCodes,
  reserveSerialCode,
  SerialReservation,
  WalletQuery,
} from "./wallet-queries"

export const DEFAULT_ALLOWED_ORDER_TYPES = ["ordinary", "dropshipping"]

export type CouponSettingsValues = {
  id: string
  enabled: boolean
  plan: "basic" | "advanced"
  expiring_soon_days: number
  payment_hold_minutes: number
  excluded_product_kinds: string[]
  allowed_order_types: string[]
  restore_usage_on_cancel: boolean
}

class CouponModuleService extends MedusaService({
  Coupon,
  CouponCode,
  CouponCodeBatch,
  CouponSettings,
  CouponBlocklistEntry,
  CouponRedemption,
  CouponWalletEntry,
  CouponCart,
  CouponCampaign,
  CouponCampaignRecipient,
  CouponAuditEntry,
}) {
  readonly options: CouponPluginOptions

  constructor(container: Record<string, unknown>, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parseCouponPluginOptions(options)
  }

  /**
   * No automatic per-row events (`coupon.created` with an id on every ORM
   * write, compensations included): the plugin emits each fact once, with
   * its payload, after it is committed (events.ts).
   */
  interceptEntityMutationEvents() {}

  /** Queues an event that @EmitAfterCommit sends once the method's transaction has committed. */
  protected emitAfterCommit_(sharedContext: Context, eventName: CouponEventName, data: Record<string, unknown>) {
    sharedContext.messageAggregator?.saveRawMessageData({
      eventName,
      data,
      source: "coupon",
      object: "coupon_redemption",
      action: eventName.split(".").pop()!,
    } as any)
  }

  /**
   * An admin change and its audit entries (docs/rules.md §7.4) in one
   * transaction, so the trail holds exactly the changes that were committed.
   * `change` makes the change through the context it is given (every read
   * and write it makes joins the transaction) and answers its result and the
   * entries describing it. Answers the result and the entries' ids, which a
   * workflow step's compensation hands to undoAuditedChange.
   */
  @InjectTransactionManager()
  async auditedChange<T>(
    change: (sharedContext: Context) => Promise<{ result: T; audit: AuditEntryInput[] }>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ result: T; audit_ids: string[] }> {
    const { result, audit } = await change(sharedContext)
    const worth = entriesWorthRecording(audit)
    const created = worth.length
      ? await this.createCouponAuditEntries(
          worth.map((e) => ({ ...e, coupon_id: e.coupon_id ?? null, actor_id: e.actor_id ?? null })) as any,
          sharedContext
        )
      : []
    return { result, audit_ids: created.map((e) => e.id) }
  }

  /**
   * Writes what a change has made so far on its transaction: rows created
   * there carry their database defaults only once written, and a "created"
   * audit entry must record them (read the rows again after this).
   */
  async flushChange(sharedContext: Context): Promise<void> {
    await (sharedContext.transactionManager as any)?.flush?.()
  }

  /** Undoes an audited change (a workflow's compensation) and removes its entries, in one transaction. */
  @InjectTransactionManager()
  async undoAuditedChange(
    auditIds: string[],
    undo: (sharedContext: Context) => Promise<unknown>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await undo(sharedContext)
    if (auditIds.length) await this.deleteCouponAuditEntries(auditIds, sharedContext)
  }

  /**
   * The store-wide settings, read afresh each time (every judgement of a code
   * reads them; see checkout-queries.ts). The single row is created with the
   * defaults the first time anything asks, so a fresh install behaves per
   * docs/rules.md.
   */
  @InjectManager()
  async getSettings(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CouponSettingsValues> {
    const existing = await readSettingsRow(sqlOf(sharedContext))
    if (existing) {
      return existing as CouponSettingsValues
    }
    const created = await this.createCouponSettings(
      {
        excluded_product_kinds: [...DEFAULT_EXCLUDED_PRODUCT_KINDS],
        allowed_order_types: [...DEFAULT_ALLOWED_ORDER_TYPES],
      },
      sharedContext
    )
    return created as unknown as CouponSettingsValues
  }

  /** The coupon row of a cart, or null (see checkout-queries.ts). */
  @InjectManager()
  async readCartCoupon(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<CartCouponRow | null> {
    return readCartCoupon(sqlOf(sharedContext), cartId)
  }

  /** The coupon row of a completing cart, with what its claim reads (see checkout-queries.ts). */
  @InjectManager()
  async readCartCouponForClaim(
    cartId: string,
    customerId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ClaimCartCouponRow | null> {
    return readCartCoupon(sqlOf(sharedContext), cartId, { customer_id: customerId })
  }

  /** Which of these normalized codes open a live coupon (see checkout-queries.ts). */
  @InjectManager()
  async findCouponCodes(codes: string[], @MedusaContext() sharedContext: Context = {}): Promise<FoundCouponCode[]> {
    return findCouponCodes(sqlOf(sharedContext), codes)
  }

  /** The applied coupons of these carts, as storefronts list them (see checkout-queries.ts). */
  @InjectManager()
  async readListedCoupons(cartIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<ListedCoupon[]> {
    return readListedCoupons(sqlOf(sharedContext), cartIds)
  }

  /** The live serial code written `code` (normalized), or null (see checkout-queries.ts). */
  @InjectManager()
  async readSerialCode(code: string, @MedusaContext() sharedContext: Context = {}) {
    return readSerialCode(sqlOf(sharedContext), code)
  }

  /** Whether the customer is on the blocklist (see checkout-queries.ts). */
  @InjectManager()
  async isCustomerBlocked(customerId: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    return isCustomerBlocked(sqlOf(sharedContext), customerId)
  }

  /** A customer's wallet: counts per status and one page (see wallet-queries.ts). */
  @InjectManager()
  async readWallet(query: WalletQuery, @MedusaContext() sharedContext: Context = {}) {
    return queryWallet(sqlOf(sharedContext), query)
  }

  /** One free serial code of a coupon for each customer, or none at all. */
  @InjectTransactionManager()
  async reserveFreeSerialCodes(
    input: { coupon_id: string; coupon_label: string; customer_ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SerialReservation[]> {
    const rows = await reserveFreeSerialCodes(transactionSqlOf(sharedContext), input)
    return rows.map((r) => ({ id: r.id, code: r.code, customer_id: r.holder_id, newly_reserved: true }))
  }

  /**
   * One free one-time serial code of a coupon for a campaign contact without
   * a store account (coupon_code.campaign_recipient_id), or a refusal.
   */
  @InjectTransactionManager()
  async reserveFreeSerialCodeForContact(
    input: { coupon_id: string; coupon_label: string; campaign_recipient_id: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; code: string; campaign_recipient_id: string }> {
    const [row] = await reserveFreeSerialCodes(transactionSqlOf(sharedContext), {
      coupon_id: input.coupon_id,
      coupon_label: input.coupon_label,
      campaign_recipient_ids: [input.campaign_recipient_id],
    })
    return { id: row.id, code: row.code, campaign_recipient_id: row.holder_id }
  }

  /** A given serial code for one customer (claim by code). */
  @InjectTransactionManager()
  async reserveSerialCode(
    input: { coupon_code_id: string; customer_id: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SerialReservation> {
    return reserveSerialCode(transactionSqlOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async releaseSerialCodes(
    reservations: ({ id: string; customer_id: string } | { id: string; campaign_recipient_id: string })[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    await releaseSerialCodes(transactionSqlOf(sharedContext), reservations)
  }

  /**
   * Counts one use of a coupon for a cart being completed (docs/rules.md §4), in
   * PostgreSQL so limits hold across concurrent completions and instances:
   * the coupon row is locked for the rest of the transaction, expired holds
   * are released, the limits are re-read under the lock and the counters are
   * raised with conditional updates. The use starts `held` until the order
   * exists. A cart that already holds a use (a retry after a failed payment,
   * or a second completion) gets that use back instead of a new one.
   */
  async claimRedemption(input: ClaimRedemptionInput): Promise<{ id: string; reused: boolean }> {
    const attempt = { spent_uses: false }
    try {
      return await this.claimRedemption_(input, attempt)
    } catch (error) {
      // A refused claim rolled back the uses it had found spent by orders
      // (see claimRedemption_): they are marked again, on their own.
      if (attempt.spent_uses) await this.redeemUsesWithOrders({ coupon_id: input.coupon_id }).catch(() => undefined)
      throw error
    }
  }

  @EmitAfterCommit()
  @InjectTransactionManager()
  protected async claimRedemption_(
    input: ClaimRedemptionInput,
    /** Told whether uses were marked as spent by orders (a refusal rolls that back). */
    attempt: { spent_uses: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; reused: boolean }> {
    const knex = transactionSqlOf(sharedContext)
    await knex.raw("SET LOCAL lock_timeout = '15s'")
    // Few statements while the lock is held: the row is read as it is locked,
    // this cart's live use and the coupon's run-out holds in one read.
    // A claim in a rush: lock, one read, the count and the use in one statement.
    let coupon = (await knex.raw("SELECT * FROM coupon WHERE id = ? FOR UPDATE", [input.coupon_id])).rows[0]
    // The coupon as it is at claim time, under its lock (deleted, paused or
    // outside its window since the cart was judged): refused like judging would.
    const closed = couponClosedRefusal(input.code, coupon && !coupon.deleted_at ? coupon : null, new Date())
    if (closed) throw refuse(closed.rule, closed.message)
    const holdUntil = new Date(Date.now() + input.hold_minutes * 60_000)
    const readUses = async () =>
      (
        await knex.raw(
          `SELECT *, (status = 'held' AND hold_expires_at < now()) AS hold_ran_out FROM coupon_redemption
           WHERE deleted_at IS NULL
             AND ((cart_id = ? AND status IN ('held', 'redeemed')) OR (coupon_id = ? AND status = 'held' AND hold_expires_at < now()))`,
          [input.cart_id, input.coupon_id]
        )
      ).rows as any[]
    let redemptions = await readUses()
    // Held uses whose cart became an order are that order's (its order.placed
    // event may have died with its process): marked redeemed before a
    // run-out hold, or this cart's own use, below is given back or reused, so
    // they are never released by time. Only when there is one: in a rush
    // there is none, and marking scans every held use of the coupon while
    // every other claim waits for the lock.
    if (redemptions.length) {
      attempt.spent_uses = (await this.spendUsesWithOrders_(knex, { coupon_id: input.coupon_id }, sharedContext)).length > 0
      redemptions = await readUses()
    }
    const live = redemptions.find((r: any) => r.cart_id === input.cart_id)
    if (live && live.coupon_id === input.coupon_id && live.code === input.code) {
      await knex("coupon_redemption")
        .where({ id: live.id })
        .update({
          discount_total: input.discount_total,
          raw_discount_total: rawNumber(input.discount_total),
          allocations: JSON.stringify(input.allocations),
          hold_expires_at: live.status === "held" ? holdUntil : live.hold_expires_at,
          updated_at: knex.fn.now(),
        })
      return { id: live.id, reused: true }
    }
    // The cart's use of another coupon (it changed coupon since its last
    // attempt) is given back, and so are this coupon's holds that ran out.
    const released = redemptions.filter(
      (r: any) => r === live || (r.coupon_id === input.coupon_id && r.hold_ran_out)
    )
    if (released.length) {
      await this.releaseRedemptions_(knex, released, sharedContext, (r) => (r === live ? "coupon_changed" : "hold_expired"))
      coupon = await knex("coupon").where({ id: input.coupon_id }).first()
    }

    if (coupon.usage_limit !== null && coupon.usage_count >= coupon.usage_limit) {
      const hold = await knex("coupon_redemption")
        .where({ coupon_id: input.coupon_id, status: "held", deleted_at: null })
        .min("hold_expires_at as until")
        .first()
      const until = hold?.until ? new Date(hold.until) : null
      throw until
        ? refuse("coupon_held", usageLimitMessage(input.code, until), { frees_up_at: until.toISOString() })
        : refuse("usage_limit_reached", usageLimitMessage(input.code, null))
    }
    if (coupon.usage_limit_per_customer !== null && (input.customer_id || input.email)) {
      const [{ count }] = await knex("coupon_redemption")
        .where({ coupon_id: input.coupon_id, deleted_at: null })
        .whereIn("status", ["held", "redeemed"])
        .where((q: any) => {
          if (input.customer_id) q.orWhere("customer_id", input.customer_id)
          if (input.email) q.orWhere("email", input.email)
        })
        .count("id as count")
      if (Number(count) >= coupon.usage_limit_per_customer) {
        throw refuse(
          "customer_limit_reached",
          `Coupon ${input.code} has already been used by this customer (limit ${coupon.usage_limit_per_customer} per customer).`
        )
      }
    }
    if (input.coupon_code_id) {
      const claimed = await knex("coupon_code")
        .where({ id: input.coupon_code_id })
        .whereRaw("usage_count < max_uses")
        .increment("usage_count", 1)
      if (!claimed) {
        throw refuse("usage_limit_reached", `Coupon code ${input.code} has already been used.`)
      }
    }
    // The use counted on the coupon and recorded in one statement.
    const id = generateEntityId(undefined, "credm")
    const record = knex("coupon_redemption")
      .insert({
        id,
        status: "held",
        code: input.code,
        coupon_id: input.coupon_id,
        coupon_code_id: input.coupon_code_id,
        cart_id: input.cart_id,
        customer_id: input.customer_id,
        email: input.email,
        currency_code: input.currency_code,
        discount_total: input.discount_total,
        raw_discount_total: rawNumber(input.discount_total),
        allocations: JSON.stringify(input.allocations),
        hold_expires_at: holdUntil,
      })
      .toSQL()
    await knex.raw(`WITH counted AS (UPDATE coupon SET usage_count = usage_count + 1 WHERE id = ?) ${record.sql}`, [
      input.coupon_id,
      ...record.bindings,
    ])
    return { id, reused: false }
  }

  /**
   * Gives back a use that claimRedemption just created, when the workflow
   * that claimed it is undone (claimCouponAtCompletionWorkflow's compensation).
   * Only a use still held: one its order already spent stays.
   */
  @EmitAfterCommit()
  @InjectTransactionManager()
  async releaseClaimedUse(id: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const knex = transactionSqlOf(sharedContext)
    const use = await knex("coupon_redemption").where({ id, status: "held", deleted_at: null }).first()
    if (!use) return false
    await knex.raw("SELECT id FROM coupon WHERE id = ? FOR UPDATE", [use.coupon_id])
    const held = await knex("coupon_redemption").where({ id, status: "held", deleted_at: null }).first()
    if (!held) return false
    await this.releaseRedemptions_(knex, [held], sharedContext, () => "claim_undone")
    return true
  }

  /**
   * Uses of a coupon by carts other than `cart_id`, counted as completion
   * will count them (claimRedemption): in `total` every use the coupon keeps
   * (redeemed, holds that have not expired, canceled or refunded orders that
   * keep their use); per customer and per serial code, redeemed uses and
   * holds that have not expired (docs/rules.md §4). One query of index lookups,
   * whatever the number of past uses.
   */
  @InjectManager()
  async usageSnapshot(
    input: { coupon_id: string; cart_id: string; customer_id: string | null; email: string | null; coupon_code_id: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ total: number; by_customer: number; by_code: number; earliest_hold_release: Date | null }> {
    const knex = sqlOf(sharedContext)
    // A held use whose cart has an order counts whatever its hold says (see reconcile-queries.ts).
    const live = liveUseSql("r")
    // `total` starts from the count completion claims against (coupon.usage_count,
    // which keeps the uses of canceled orders), less the holds that ran out and
    // this cart's own use; no read grows with the number of past uses.
    const {
      rows: [row],
    } = await knex.raw(
      `SELECT
         c.usage_count
           - (SELECT count(*) FROM coupon_redemption r
               WHERE r.coupon_id = c.id AND r.status = 'held' AND r.hold_expires_at <= now() AND r.deleted_at IS NULL
                 AND NOT ${CART_HAS_ORDER})
           - (SELECT count(*) FROM coupon_redemption r
               WHERE r.cart_id = :cart_id AND r.coupon_id = c.id AND ${live} AND r.deleted_at IS NULL) AS total,
         (SELECT count(*) FROM coupon_redemption r
           WHERE r.coupon_id = c.id AND r.cart_id <> :cart_id AND ${live} AND r.deleted_at IS NULL
             AND (r.customer_id = :customer_id OR r.email = :email)) AS by_customer,
         (SELECT count(*) FROM coupon_redemption r
           WHERE r.coupon_code_id = :coupon_code_id AND r.cart_id <> :cart_id AND ${live} AND r.deleted_at IS NULL) AS by_code,
         (SELECT min(r.hold_expires_at) FROM coupon_redemption r
           WHERE r.coupon_id = c.id AND r.status = 'held' AND r.hold_expires_at > now() AND r.deleted_at IS NULL) AS earliest_hold_release
       FROM coupon c WHERE c.id = :coupon_id`,
      {
        coupon_id: input.coupon_id,
        cart_id: input.cart_id,
        customer_id: input.customer_id,
        email: input.email,
        coupon_code_id: input.coupon_code_id,
      }
    )
    if (!row) return { total: 0, by_customer: 0, by_code: 0, earliest_hold_release: null }
    return {
      total: Number(row.total),
      by_customer: Number(row.by_customer),
      by_code: Number(row.by_code),
      earliest_hold_release: row.earliest_hold_release ? new Date(row.earliest_hold_release) : null,
    }
  }

  /**
   * The sweep: held uses whose cart became an order are marked redeemed by
   * it, then every use whose payment hold ran out is freed (all coupons).
   * Each coupon's row is locked first, as claimRedemption locks it, so the
   * two never wait on each other in opposite orders.
   */
  @EmitAfterCommit()
  @InjectTransactionManager()
  async releaseExpiredHolds(@MedusaContext() sharedContext: Context = {}): Promise<{ released: number; redeemed: number }> {
    const knex = transactionSqlOf(sharedContext)
    const couponIds: { coupon_id: string }[] = await knex("coupon_redemption")
      .distinct("coupon_id")
      .where({ status: "held", deleted_at: null })
      .orderBy("coupon_id")
    let released = 0
    let redeemed = 0
    for (const { coupon_id } of couponIds) {
      await knex.raw("SELECT id FROM coupon WHERE id = ? FOR UPDATE", [coupon_id])
      redeemed += (await this.spendUsesWithOrders_(knex, { coupon_id }, sharedContext)).length
      released += await this.releaseExpiredHolds_(knex, coupon_id, sharedContext)
    }
    return { released, redeemed }
  }

  /**
   * Marks the held use of a cart that has an order as redeemed by it (a
   * repeated completion of a completed cart); the uses marked, if any.
   */
  @EmitAfterCommit()
  @InjectTransactionManager()
  async redeemUsesWithOrders(scope: ReconcileScope, @MedusaContext() sharedContext: Context = {}): Promise<ReconciledUse[]> {
    const knex = transactionSqlOf(sharedContext)
    return this.spendUsesWithOrders_(knex, scope, sharedContext)
  }

  /** redeemHeldUsesWithOrders, and the wallet entry each such use spent is used. */
  private async spendUsesWithOrders_(knex: Sql, scope: ReconcileScope, sharedContext: Context): Promise<ReconciledUse[]> {
    const spent = await redeemHeldUsesWithOrders(knex, scope)
    for (const use of spent) {
      // Spent by its order here rather than by the order.placed subscriber: announced the same.
      this.emitAfterCommit_(sharedContext, CouponEvents.REDEEMED, redemptionEventData(use))
      if (use.customer_id) {
        await markWalletEntryUsed(knex, { customer_id: use.customer_id, code: use.code, order_id: use.order_id })
      }
    }
    return spent
  }

  private async releaseExpiredHolds_(knex: Sql, couponId: string, sharedContext: Context): Promise<number> {
    const expired = await knex("coupon_redemption")
      .where({ coupon_id: couponId, status: "held", deleted_at: null })
      .where("hold_expires_at", "<", knex.fn.now())
    await this.releaseRedemptions_(knex, expired, sharedContext, () => "hold_expired")
    return expired.length
  }

  /**
   * Gives uses back to their coupon and serial code. Caller holds the coupon
   * row lock and is an @EmitAfterCommit method: each release is announced once
   * the caller's transaction has committed.
   */
  private async releaseRedemptions_<R extends { id: string; coupon_id: string; coupon_code_id: string | null }>(
    knex: Sql,
    redemptions: R[],
    sharedContext: Context,
    reasonOf: (redemption: R) => RedemptionReleaseReason
  ) {
    for (const r of redemptions) {
      this.emitAfterCommit_(sharedContext, CouponEvents.REDEMPTION_RELEASED, redemptionEventData(r, { reason: reasonOf(r) }))
      await knex("coupon_redemption")
        .where({ id: r.id })
        .update({ status: "released", hold_expires_at: null, updated_at: knex.fn.now() })
      await knex("coupon").where({ id: r.coupon_id }).where("usage_count", ">", 0).decrement("usage_count", 1)
      if (r.coupon_code_id) {
        await knex("coupon_code")
          .where({ id: r.coupon_code_id })
          .where("usage_count", ">", 0)
          .decrement("usage_count", 1)
      }
    }
  }

  /**
   * An order carrying a coupon was canceled or fully refunded: the use is
   * kept (recorded as such) unless the merchant asked to give it back.
   */
  @EmitAfterCommit()
  @InjectTransactionManager()
  async settleOrderRedemption(
    orderId: string,
    outcome: "canceled" | "refunded",
    restoreUsage: boolean,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; status: string } | null> {
    const knex = transactionSqlOf(sharedContext)
    // The order's use may still be held without it (its order.placed event
    // was lost): found through the order's cart, then spent by the order
    // under the coupon's lock before it is settled.
    const {
      rows: [orphan],
    } = await knex.raw(
      `SELECT r.coupon_id FROM coupon_redemption r JOIN order_cart oc ON oc.cart_id = r.cart_id AND oc.deleted_at IS NULL
        WHERE oc.order_id = ? AND r.status = 'held' AND r.deleted_at IS NULL LIMIT 1`,
      [orderId]
    )
    if (orphan) {
      await knex.raw("SELECT id FROM coupon WHERE id = ? FOR UPDATE", [orphan.coupon_id])
      await this.spendUsesWithOrders_(knex, { order_id: orderId }, sharedContext)
    }
    const redemption = await knex("coupon_redemption")
      .where({ order_id: orderId, deleted_at: null })
      .whereIn("status", ["held", "redeemed"])
      .first()
    if (!redemption) return null
    if (outcome === "refunded") {
      this.emitAfterCommit_(sharedContext, CouponEvents.REDEMPTION_REFUNDED, redemptionEventData(redemption))
    }
    if (restoreUsage) {
      await knex.raw("SELECT id FROM coupon WHERE id = ? FOR UPDATE", [redemption.coupon_id])
      await this.releaseRedemptions_(knex, [redemption], sharedContext, () => outcome)
      // The use is given back: so is the wallet coupon the order spent.
      await restoreWalletEntryOfOrder(knex, orderId)
      return { id: redemption.id, status: "released" }
    }
    await knex("coupon_redemption")
      .where({ id: redemption.id })
      .update({ status: outcome, updated_at: knex.fn.now() })
    return { id: redemption.id, status: outcome }
  }

  /**
   * Marks the use of a completed cart as spent by its order; announces
   * `coupon.redeemed` the first time only (an `order.placed` delivered twice
   * finds it redeemed already).
   */
  @EmitAfterCommit()
  @InjectTransactionManager()
  async markRedeemed(
    cartId: string,
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; coupon_id: string } | null> {
    const knex = transactionSqlOf(sharedContext)
    const before = await knex("coupon_redemption")
      .where({ cart_id: cartId, deleted_at: null })
      .whereIn("status", ["held", "redeemed"])
      .forUpdate()
      .first("id", "status")
    if (!before) return null
    const [row] = await knex("coupon_redemption")
      .where({ id: before.id })
      .update({ status: "redeemed", order_id: orderId, hold_expires_at: null, updated_at: knex.fn.now() })
      .returning("*")
    if (row?.customer_id) {
      // A code from the customer's wallet: that entry is now used.
      await markWalletEntryUsed(knex, { customer_id: row.customer_id, code: row.code, order_id: orderId })
    }
    if (before.status === "held") {
      this.emitAfterCommit_(sharedContext, CouponEvents.REDEEMED, redemptionEventData(row))
    }
    return row ? { id: row.id, coupon_id: row.coupon_id } : null
  }

  /** Counters against the uses they summarise; reads only (see consistency-queries.ts). */
  @InjectManager()
  async checkConsistency(@MedusaContext() sharedContext: Context = {}): Promise<ConsistencyReport> {
    return checkConsistency(sqlOf(sharedContext))
  }

  // --- Serial codes (docs/rules.md §5); the SQL is in serial-code-queries.ts. ---

  /** Marks a generation batch running; null when it does not exist. */
  @InjectManager()
  async startCodeBatch(batchId: string, @MedusaContext() sharedContext: Context = {}): Promise<CodeBatchRow | null> {
    return startCodeBatch(sqlOf(sharedContext), batchId)
  }

  /**
   * Adds one chunk of generated codes to a running batch and raises its
   * `created`; `running: false` (and nothing written) when the batch stopped
   * running or another writer filled it.
   */
  async addGeneratedCodes(
    input: { batch_id: string; codes: CodeRecords | string[] }
  ): Promise<{ inserted: number; created: number; requested: number; running: boolean }> {
    try {
      return { ...(await this.addGeneratedCodes_(input)), running: true }
    } catch (error) {
      if (!(error instanceof CodeBatchClosed)) throw error
      return { inserted: 0, created: error.created, requested: error.requested, running: false }
    }
  }

  @InjectTransactionManager()
  protected async addGeneratedCodes_(
    input: { batch_id: string; codes: CodeRecords | string[] },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return addGeneratedCodes(transactionSqlOf(sharedContext), input)
  }

  @InjectManager()
  async finishCodeBatch(batchId: string, @MedusaContext() sharedContext: Context = {}): Promise<CodeBatchRow> {
    return finishCodeBatch(sqlOf(sharedContext), batchId)
  }

  /** Planner statistics refreshed after a bulk write (generation or import) of `added` codes. */
  @InjectManager()
  async analyzeCodesAfterBulkWrite(added: number, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    return analyzeCodesAfterBulkWrite(sqlOf(sharedContext), added)
  }

  @InjectTransactionManager()
  async failCodeBatch(batchId: string, error: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    return failCodeBatch(transactionSqlOf(sharedContext), batchId, error)
  }

  /** Streams a coupon's serial codes as CSV into `out` (code-export-queries.ts). */
  @InjectManager()
  async exportCodesCsv(filter: CodeExportFilter, out: Writable, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    return streamCodesCsv(sqlOf(sharedContext), filter, out)
  }

  @InjectManager()
  async staleCodeBatchIds(staleSeconds: number, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return staleCodeBatchIds(sqlOf(sharedContext), staleSeconds)
  }

  /** Imports a CSV file (a stream) of codes into a coupon, all or nothing. */
  @InjectTransactionManager()
  async importCodes(
    input: { coupon_id: string; source: Readable },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CodeBatchRow> {
    return importCodes(transactionSqlOf(sharedContext), {
      coupon_id: input.coupon_id,
      rows: readCodeRows(input.source),
    })
  }

  /** A fixed serial: one code usable `max_uses` times. */
  @InjectTransactionManager()
  async addFixedSerial(
    input: { coupon_id: string; code: string; max_uses: number },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return createFixedSerial(transactionSqlOf(sharedContext), input)
  }

  /** Soft-deletes a batch and its codes (undoing an import or a fixed serial). */
  @InjectTransactionManager()
  async discardCodeBatch(batchId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    return deleteCodeBatch(transactionSqlOf(sharedContext), batchId)
  }

  /** Soft-deletes all codes of deleted coupons at once (see Coupon's cascades). */
  @InjectTransactionManager()
  async withdrawCodesOfCoupons(
    couponIds: string[],
    deletedAt: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return withdrawCodesOfCoupons(transactionSqlOf(sharedContext), couponIds, deletedAt)
  }

  @InjectTransactionManager()
  async reinstateCodesOfCoupons(
    couponIds: string[],
    deletedAt: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return reinstateCodesOfCoupons(transactionSqlOf(sharedContext), couponIds, deletedAt)
  }

  /** A page of a coupon's serial codes with their state, and their count. */
  @InjectManager()
  async readSerialCodes(
    input: { coupon_id: string; q?: string; limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return listSerialCodes(sqlOf(sharedContext), input)
  }

  /** A campaign's recipients, new or (for contacts' links on demand) returned again (see campaign-queries.ts). */
  @InjectTransactionManager()
  async issueCampaignRecipients(
    input: { campaign_id: string; per_contact_limit: number; reuse_open_links: boolean; sent_at: Date; recipients: RecipientToIssue[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<IssuedRecipient[]> {
    return issueRecipients(transactionSqlOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async deleteIssuedCampaignRecipients(
    input: { created: string[]; linked: string[] },
    @MedusaContext() sharedContext: Context = {}
  ) {
    await deleteIssuedRecipients(transactionSqlOf(sharedContext), input)
  }

  /** Links a signed-in customer to a contact's already redeemed coupon; false when it has a customer already. */
  @InjectTransactionManager()
  async linkCampaignRecipientCustomer(
    input: { recipient_id: string; customer_id: string; wallet_entry_id: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return linkRecipientCustomer(transactionSqlOf(sharedContext), input)
  }

  /** Hands a contact's serial code to the customer claiming it (or back, `undo`); false when there is none. */
  @InjectTransactionManager()
  async handContactSerialCode(
    input: { code: string; recipient_id: string; customer_id: string; undo?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return handContactSerialCode(transactionSqlOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async unlinkCampaignRecipientCustomer(recipientId: string, @MedusaContext() sharedContext: Context = {}) {
    await unlinkRecipientCustomer(transactionSqlOf(sharedContext), recipientId)
  }

  /** Funnel counts (sent, opened, redeemed, verified) per campaign, in all and per channel (see campaign-queries.ts). */
  @InjectManager()
  async campaignFunnels(campaignIds: string[], @MedusaContext() sharedContext: Context = {}) {
    return campaignFunnels(sqlOf(sharedContext), campaignIds)
  }

  /** Records a coupon page's first view; false when it was viewed before. */
  @InjectTransactionManager()
  async markCampaignRecipientOpened(
    input: { recipient_id: string; opened_at: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return markRecipientOpened(transactionSqlOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async unmarkCampaignRecipientOpened(recipientId: string, @MedusaContext() sharedContext: Context = {}) {
    await unmarkRecipientOpened(transactionSqlOf(sharedContext), recipientId)
  }

  /** Marks a recipient redeemed, re-checking the per-contact limit under a lock. */
  @InjectTransactionManager()
  async markCampaignRecipientRedeemed(input: RecipientRedemption, @MedusaContext() sharedContext: Context = {}) {
    await markRecipientRedeemed(transactionSqlOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async unmarkCampaignRecipientRedeemed(
    input: { recipient_id: string; customer_id: string | null },
    @MedusaContext() sharedContext: Context = {}
  ) {
    await unmarkRecipientRedeemed(transactionSqlOf(sharedContext), input)
  }

  /** Point-of-sale verification of a redeemed code; null when no recipient redeemed it. */
  @InjectTransactionManager()
  async verifyCampaignRecipient(
    input: VerifyInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string | null> {
    return verifyRecipient(transactionSqlOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async unverifyCampaignRecipient(recipientId: string, @MedusaContext() sharedContext: Context = {}) {
    await unverifyRecipient(transactionSqlOf(sharedContext), recipientId)
  }
}

/** The `raw_*` companion Medusa keeps beside every big-number column. */
function rawNumber(value: number) {
  return JSON.stringify({ value: String(value), precision: 20 })
}

export type ClaimRedemptionInput = {
  coupon_id: string
  coupon_code_id: string | null
  code: string
  cart_id: string
  customer_id: string | null
  email: string | null
  currency_code: string
  discount_total: number
  allocations: { item_id: string; amount: number }[]
  hold_minutes: number
}

export default CouponModuleService

/** The payload of a redemption event (docs/events.md); money in major units. */
function redemptionEventData(r: any, extra: Record<string, unknown> = {}) {
  return {
    id: r.id,
    coupon_id: r.coupon_id,
    code: r.code,
    coupon_code_id: r.coupon_code_id ?? null,
    cart_id: r.cart_id ?? null,
    order_id: r.order_id ?? null,
    customer_id: r.customer_id ?? null,
    currency_code: r.currency_code ?? null,
    discount_total: r.discount_total == null ? null : Number(r.discount_total),
    ...extra,
  }
}
