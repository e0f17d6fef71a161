/*
 * The coupon module's service: Medusa's generated CRUD plus the module's own reads and
 * writes, each a thin wrapper that opens the connection or transaction and calls the SQL
 * of its domain (*-queries.ts) through the typed handle of sql-handle.ts. Over 300 lines
 * because it is the module's one facade: a list of one-line delegations, one per operation.
 */
import { Context } from "@medusajs/framework/types"
import {
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
import type { CouponEventName } from "./events"
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
  listSerialCodes,
  reinstateCodesOfCoupons,
  staleCodeBatchIds,
  startCodeBatch,
  withdrawCodesOfCoupons,
} from "./serial-code-queries"
import { importCodes } from "./code-import-queries"
import {
  campaignFunnels,
  deleteIssuedRecipients,
  IssuedRecipient,
  issueRecipients,
  RecipientToIssue,
} from "./campaign-queries"
import {
  linkRecipientCustomer,
  handContactSerialCode,
  markRecipientOpened,
  markRecipientRedeemed,
  RecipientRedemption,
  unlinkRecipientCustomer,
  unmarkRecipientOpened,
  unmarkRecipientRedeemed,
  unverifyRecipient,
  verifyRecipient,
  VerifyInput,
} from "./campaign-recipient-queries"
import { checkConsistency, ConsistencyReport } from "./consistency-queries"
import {
  interruptedOrdersOfCart,
  markCartForItsOrder,
  unbindUsesFromOrders,
  type ReconciledUse,
  type ReconcileScope,
} from "./reconcile-queries"
import {
  Announce,
  claimInOneStatement,
  usedUpCouponRefusal,
  claimUse,
  ClaimRedemptionInput,
  markUseRedeemed,
  releaseClaimedUse,
  releaseExpiredHolds,
  settleOrderUse,
  spendUsesWithOrders,
  usageSnapshot,
  UsageSnapshot,
  UsageSnapshotInput,
} from "./redemption-queries"
import { sqlOf, transactionSqlOf } from "./sql-handle"
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
import {
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

  /** Queues events that @EmitAfterCommit sends once the method's transaction has committed. */
  protected announcer_(sharedContext: Context): Announce {
    return (eventName: CouponEventName, data: Record<string, unknown>) =>
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

  /** The refusal a completing cart's claim is bound to get because its coupon is used up, or null (see redemption-queries.ts). */
  @InjectManager()
  async usedUpCouponRefusal(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<Error | null> {
    return usedUpCouponRefusal(sqlOf(sharedContext), cartId)
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
      // The common case in one statement; every other case (and every refusal)
      // under the coupon row's lock. Claims are not queued in the process
      // first: the lock is held for one statement or one short transaction
      // that needs no other connection, so waiting claims cannot starve the
      // holder, and queueing them made a rush's refusals wait behind every
      // order (docs/benchmarks.md, hot coupon).
      return (await this.claimInOneStatement_(input)) ?? (await this.claimRedemption_(input, attempt))
    } catch (error) {
      // A refused claim rolled back the uses it had found spent by orders
      // (see claimRedemption_): they are marked again, on their own.
      if (attempt.spent_uses) await this.redeemUsesWithOrders({ coupon_id: input.coupon_id }).catch(() => undefined)
      throw error
    }
  }

  /** The common case of a claim, one autocommit statement; null when claimRedemption_ must decide (see redemption-queries.ts). */
  @InjectManager()
  protected async claimInOneStatement_(input: ClaimRedemptionInput, @MedusaContext() sharedContext: Context = {}) {
    return claimInOneStatement(sqlOf(sharedContext), input)
  }

  @EmitAfterCommit()
  @InjectTransactionManager()
  protected async claimRedemption_(
    input: ClaimRedemptionInput,
    /** Told whether uses were marked as spent by orders (a refusal rolls that back). */
    attempt: { spent_uses: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; reused: boolean }> {
    return claimUse(transactionSqlOf(sharedContext), input, this.announcer_(sharedContext), attempt)
  }

  /** Gives back a use claimRedemption just created, when its workflow is undone (see redemption-queries.ts). */
  @EmitAfterCommit()
  @InjectTransactionManager()
  async releaseClaimedUse(id: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    return releaseClaimedUse(transactionSqlOf(sharedContext), id, this.announcer_(sharedContext))
  }

  /** Uses of a coupon by other carts, counted as completion will count them (see redemption-queries.ts). */
  @InjectManager()
  async usageSnapshot(input: UsageSnapshotInput, @MedusaContext() sharedContext: Context = {}): Promise<UsageSnapshot> {
    return usageSnapshot(sqlOf(sharedContext), input)
  }

  /** The sweep: uses spent by orders are marked, holds that ran out are freed (see redemption-queries.ts). */
  @EmitAfterCommit()
  @InjectTransactionManager()
  async releaseExpiredHolds(@MedusaContext() sharedContext: Context = {}): Promise<{ released: number; redeemed: number }> {
    return releaseExpiredHolds(transactionSqlOf(sharedContext), this.announcer_(sharedContext))
  }

  /**
   * Marks the held use of a cart that has an order as redeemed by it (a
   * repeated completion of a completed cart); the uses marked, if any.
   */
  @EmitAfterCommit()
  @InjectTransactionManager()
  async redeemUsesWithOrders(scope: ReconcileScope, @MedusaContext() sharedContext: Context = {}): Promise<ReconciledUse[]> {
    return spendUsesWithOrders(transactionSqlOf(sharedContext), scope, this.announcer_(sharedContext))
  }

  /** Names the cart in its own metadata, so that its order does too (see reconcile-queries.ts). */
  @InjectManager()
  async markCartForItsOrder(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await markCartForItsOrder(sqlOf(sharedContext), cartId)
  }

  /** Pending orders a killed completion of the cart left without Medusa's links (see reconcile-queries.ts). */
  @InjectManager()
  async interruptedOrdersOfCart(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return interruptedOrdersOfCart(sqlOf(sharedContext), cartId)
  }

  /**
   * Orders a killed completion of the cart left behind are being set aside
   * (workflows/carts/steps/set-aside-interrupted-orders.ts): the uses they
   * had been found to spend are held for the cart again, to be claimed by
   * the order that replaces them, and the coupon's History records it (no
   * admin made this change: the actor is none). One transaction.
   */
  async holdUsesOfSetAsideOrders(input: { coupon_id: string; cart_id: string; order_ids: string[] }): Promise<number> {
    const { result } = await this.auditedChange(async (sharedContext) => ({
      result: await unbindUsesFromOrders(transactionSqlOf(sharedContext), input.order_ids),
      audit: [
        {
          resource_type: "coupon" as const,
          resource_id: input.coupon_id,
          coupon_id: input.coupon_id,
          action: "interrupted_order_set_aside",
          actor_id: null,
          changes: { [`cart ${input.cart_id}`]: { before: input.order_ids, after: null } },
        },
      ],
    }))
    return result
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
    return settleOrderUse(transactionSqlOf(sharedContext), orderId, outcome, restoreUsage, this.announcer_(sharedContext))
  }

  /** Marks the use of a completed cart as spent by its order; `coupon.redeemed` the first time only. */
  @EmitAfterCommit()
  @InjectTransactionManager()
  async markRedeemed(
    cartId: string,
    orderId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; coupon_id: string } | null> {
    return markUseRedeemed(transactionSqlOf(sharedContext), cartId, orderId, this.announcer_(sharedContext))
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

  /**
   * Imports a CSV file of codes into a coupon, all or nothing. `open` gives
   * a fresh stream of the file each call: a good file is read once, a
   * refused one a second time to find the rows at fault.
   */
  @InjectTransactionManager()
  async importCodes(
    input: { coupon_id: string; open: () => Readable },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CodeBatchRow> {
    return importCodes(transactionSqlOf(sharedContext), {
      coupon_id: input.coupon_id,
      open: () => readCodeRows(input.open()),
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

export default CouponModuleService

export type { ClaimRedemptionInput } from "./redemption-queries"
