import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import releaseExpiredCouponHolds from "../../src/jobs/release-expired-coupon-holds"
import { openTestShop, TestShop } from "../helpers/store"

jest.setTimeout(180 * 1000)

// Read by medusa-config.ts when the runner loads it: adds pp_decline_decline.
process.env.COUPON_TEST_DECLINING_PAYMENT = "true"
afterAll(() => {
  delete process.env.COUPON_TEST_DECLINING_PAYMENT
})

const DECLINE = "pp_decline_decline"

/**
 * rules.md §4: a use whose cart became an order is spent, whatever happened
 * to the process. The order.placed event that marks it redeemed is lost here
 * on purpose (the use is set back to held, with no order, its hold in the
 * past, as a process killed after the order's commit leaves it); the order's
 * existence in the database must still decide.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let { admin, store, shop } = {} as TestShop

    beforeEach(async () => {
      ;({ admin, store, shop } = await openTestShop(api, getContainer()))
      await api.post(`/admin/regions/${store.regionId}`, { payment_providers: ["pp_system_default", DECLINE] }, admin)
    })

    const createCoupon = async (usage_limit: number) => {
      const { data } = await api.post(
        "/admin/coupons",
        { code: "LIMITED", title: "t", type: "fixed", amount: 2, currency_code: "usd", usage_limit },
        admin
      )
      return data.coupon.id as string
    }
    const uses = async (couponId: string) =>
      (
        await dbConnection.raw(
          `SELECT cart_id, status, order_id FROM coupon_redemption WHERE coupon_id = ? AND deleted_at IS NULL ORDER BY created_at`,
          [couponId]
        )
      ).rows.map((r: any) => [r.cart_id, r.status, r.order_id])
    const usageCount = async (couponId: string) =>
      Number((await dbConnection.raw(`SELECT usage_count FROM coupon WHERE id = ?`, [couponId])).rows[0].usage_count)
    const ordersWithCoupon = async () =>
      Number(
        (
          await dbConnection.raw(
            `SELECT count(DISTINCT o.id) AS n FROM "order" o JOIN order_item oi ON oi.order_id = o.id
               JOIN order_line_item_adjustment a ON a.item_id = oi.item_id AND a.deleted_at IS NULL
              WHERE o.deleted_at IS NULL AND a.description ILIKE '%LIMITED%'`
          )
        ).rows[0].n
      )

    /** Completes a cart with the coupon, waits for order.placed, then undoes what it did (the lost event). */
    const completeAndLoseEvent = async () => {
      const cart = await shop.createCart([["tee", 1]])
      await shop.applyCoupon(cart.id, "LIMITED")
      const done = await shop.complete(cart.id)
      expect(done.type).toBe("order")
      for (let i = 0; i < 50; i++) {
        const { rows } = await dbConnection.raw(`SELECT status FROM coupon_redemption WHERE cart_id = ?`, [cart.id])
        if (rows[0]?.status === "redeemed") break
        await new Promise((r) => setTimeout(r, 100))
      }
      // Time travel: the hold ran out 1 s ago.
      const changed = await dbConnection.raw(
        `UPDATE coupon_redemption SET status = 'held', order_id = NULL, hold_expires_at = now() - interval '1 second'
          WHERE cart_id = ? AND status = 'redeemed'`,
        [cart.id]
      )
      expect(changed.rowCount).toBe(1)
      return { cartId: cart.id as string, orderId: done.order.id as string }
    }

    /**
     * Completes a cart with the coupon, then puts the database where a kill
     * between Medusa's createOrdersStep and its link step leaves it: the
     * order exists, but no order–cart or payment link, the cart is not
     * completed, the use is held with its hold run out.
     */
    const completeAndInterrupt = async () => {
      const { cartId, orderId } = await completeAndLoseEvent()
      await dbConnection.raw(`DELETE FROM order_cart WHERE cart_id = ?`, [cartId])
      await dbConnection.raw(`DELETE FROM order_payment_collection WHERE order_id = ?`, [orderId])
      await dbConnection.raw(`UPDATE cart SET completed_at = NULL WHERE id = ?`, [cartId])
      return { cartId, orderId }
    }

    it("an order its completion left without Medusa's links is the cart's: spent by the sweep, set aside when the cart completes again", async () => {
      const couponId = await createCoupon(1)
      const interrupted = await completeAndInterrupt()
      const marker = await dbConnection.raw(`SELECT metadata->>'coupon_cart_id' AS cart_id FROM "order" WHERE id = ?`, [
        interrupted.orderId,
      ])
      expect(marker.rows[0].cart_id).toBe(interrupted.cartId)
      // Orders are looked up by it through the index the coupon module's migration adds to Medusa's order table.
      const index = await dbConnection.raw(`SELECT 1 FROM pg_indexes WHERE indexname = 'IDX_order_coupon_cart_id'`)
      expect(index.rowCount).toBe(1)

      // The sweep finds the order through the cart's marker: the use is spent, not released.
      await releaseExpiredCouponHolds(getContainer())
      expect(await uses(couponId)).toEqual([[interrupted.cartId, "redeemed", interrupted.orderId]])
      expect(await usageCount(couponId)).toBe(1)
      const competitor = await shop.createCart([["tee", 1]])
      const refused = await shop.applyCoupon(competitor.id, "LIMITED").catch((e) => e.response)
      expect([refused.status, refused.data.code]).toEqual([400, "usage_limit_reached"])

      // The shopper completes the cart again: Medusa creates its order anew, the left-behind one is set aside.
      const again = await shop.complete(interrupted.cartId)
      expect(again.type).toBe("order")
      expect(again.order.id).not.toBe(interrupted.orderId)
      expect(again.order.discount_total).toBe(2)
      for (let i = 0; i < 50 && (await uses(couponId))[0][2] !== again.order.id; i++) {
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(await uses(couponId)).toEqual([[interrupted.cartId, "redeemed", again.order.id]])
      expect(await usageCount(couponId)).toBe(1)
      expect(await ordersWithCoupon()).toBe(1)
      const setAside = await dbConnection.raw(`SELECT deleted_at FROM "order" WHERE id = ?`, [interrupted.orderId])
      expect(setAside.rows[0].deleted_at).not.toBeNull()
      // The coupon's History says so, with no admin as its actor.
      const { data: history } = await api.get(`/admin/coupon-audit?resource_type=coupon&resource_id=${couponId}`, admin)
      const entry = history.entries.find((e: any) => e.action === "interrupted_order_set_aside")
      expect(entry).toMatchObject({
        actor_id: null,
        changes: { [`cart ${interrupted.cartId}`]: { before: [interrupted.orderId], after: null } },
      })
    })

    it("the hold sweep spends an ordered cart's held use and releases only the orderless hold", async () => {
      const couponId = await createCoupon(2)
      const ordered = await completeAndLoseEvent()
      const declined = await shop.createCart([["tee", 1]])
      await shop.applyCoupon(declined.id, "LIMITED")
      const failed = await shop.complete(declined.id, DECLINE).catch((e) => e.response.data)
      expect(failed.type).not.toBe("order")
      await dbConnection.raw(`UPDATE coupon_redemption SET hold_expires_at = now() - interval '1 second' WHERE cart_id = ?`, [
        declined.id,
      ])
      expect(await usageCount(couponId)).toBe(2)

      await releaseExpiredCouponHolds(getContainer())

      expect(await uses(couponId)).toEqual([
        [ordered.cartId, "redeemed", ordered.orderId],
        [declined.id, "released", null],
      ])
      expect(await usageCount(couponId)).toBe(1)

      // One use is free: a new shopper takes it, the next one is refused.
      const next = await shop.createCart([["tee", 1]])
      await shop.applyCoupon(next.id, "LIMITED")
      expect((await shop.complete(next.id)).type).toBe("order")
      const late = await shop.createCart([["tee", 1]])
      const refused = await shop.applyCoupon(late.id, "LIMITED").catch((e) => e.response)
      expect([refused.status, refused.data.code]).toEqual([400, "usage_limit_reached"])
      expect(await usageCount(couponId)).toBe(2)
      expect(await ordersWithCoupon()).toBe(2)
    })

    it("a competing completion is refused and a repeated completion spends the held use with its order", async () => {
      const couponId = await createCoupon(1)
      // Applied while the coupon was still free: the competitor reaches completion.
      const competitor = await shop.createCart([["tee", 1]])
      await shop.applyCoupon(competitor.id, "LIMITED")
      const ordered = await completeAndLoseEvent()

      const refused = await shop.complete(competitor.id).catch((e) => e.response)
      expect([refused.status, refused.data.code]).toEqual([400, "usage_limit_reached"])
      expect(await usageCount(couponId)).toBe(1)
      expect(await ordersWithCoupon()).toBe(1)

      // The same cart completed again: Medusa gives its order back, the use is the order's.
      const again = await api.post(`/store/carts/${ordered.cartId}/complete`, {}, { headers: shop.headers })
      expect([again.data.type, again.data.order.id]).toEqual(["order", ordered.orderId])
      expect(await uses(couponId)).toEqual([[ordered.cartId, "redeemed", ordered.orderId]])
      expect(await usageCount(couponId)).toBe(1)
    })

    it("a claim that releases run-out holds first spends those whose cart has an order", async () => {
      const couponId = await createCoupon(1)
      const ordered = await completeAndLoseEvent()
      const couponService: any = getContainer().resolve("coupon")
      const claim = couponService.claimRedemption({
        coupon_id: couponId,
        coupon_code_id: null,
        code: "LIMITED",
        cart_id: "cart_competitor",
        customer_id: null,
        email: "competitor@example.com",
        currency_code: "usd",
        discount_total: 2,
        allocations: [],
        hold_minutes: 30,
      })
      await expect(claim).rejects.toMatchObject({ code: "usage_limit_reached" })
      expect(await uses(couponId)).toEqual([[ordered.cartId, "redeemed", ordered.orderId]])
      expect(await usageCount(couponId)).toBe(1)
    })
  },
})
