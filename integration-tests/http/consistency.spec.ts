import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer } from "../helpers/customer"
import { createTestStore, storefront } from "../helpers/store"

jest.setTimeout(240 * 1000)

/**
 * GET /admin/coupon-consistency: counters against the uses they summarise.
 * A store after real checkouts reads consistent; drift put in by hand is
 * reported exactly, and the check itself writes nothing.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    it("reports no drift after real checkouts, then exactly the drift introduced, changing nothing", async () => {
      const container = getContainer()
      const admin = await createAdminHeaders(container)
      const store = await createTestStore(container)
      const customer = await createCustomer(container)
      const member = storefront(api, store, customer.token)
      const guest = storefront(api, store)

      const {
        data: { coupon: shared },
      } = await api.post("/admin/coupons", { code: "WALLET3", title: "t", type: "fixed", amount: 3, currency_code: "usd" }, admin)
      const {
        data: { coupon: serialOwner },
      } = await api.post("/admin/coupons", { title: "Serial", type: "fixed", amount: 4, currency_code: "usd" }, admin)
      const {
        data: { code: serial },
      } = await api.post(`/admin/coupons/${serialOwner.id}/codes`, { code: "SER1AL", quantity: 2 }, admin)
      const [entry] = (await api.post(`/admin/coupons/${shared.id}/assign`, { customer_ids: [customer.id] }, admin)).data.wallet_entries

      const memberCart = await member.createCart([["tee", 1]])
      await member.applyCoupon(memberCart.id, "WALLET3")
      const memberOrder = (await member.complete(memberCart.id)).order
      const guestCart = await guest.createCart([["tee", 1]])
      await guest.applyCoupon(guestCart.id, "SER1AL")
      const guestOrder = (await guest.complete(guestCart.id)).order
      // Both order.placed subscribers have run (the wallet entry is used).
      for (let i = 0; i < 50; i++) {
        const { rows } = await dbConnection.raw(`SELECT count(*) AS n FROM coupon_redemption WHERE status = 'redeemed'`)
        const { rows: w } = await dbConnection.raw(`SELECT state FROM coupon_wallet_entry WHERE id = ?`, [entry.id])
        if (Number(rows[0].n) === 2 && w[0].state === "used") break
        await new Promise((r) => setTimeout(r, 100))
      }

      const check = async () => (await api.get("/admin/coupon-consistency", admin)).data.consistency
      expect(await check()).toEqual({ ok: true, checked: { coupons: 2, codes: 1, wallet_entries: 1, uses: 2 }, drift: [] })

      // Drift, as a bug or a hand edit would leave it.
      await dbConnection.raw(`UPDATE coupon SET usage_count = 5 WHERE id = ?`, [shared.id])
      await dbConnection.raw(`UPDATE coupon_code SET usage_count = 0 WHERE id = ?`, [serial.id])
      await dbConnection.raw(`UPDATE coupon_wallet_entry SET state = 'available', used_at = NULL, order_id = NULL WHERE id = ?`, [entry.id])
      // The guest's use lost its order.placed event long ago.
      const {
        rows: [guestUse],
      } = await dbConnection.raw(
        `UPDATE coupon_redemption SET status = 'held', order_id = NULL, updated_at = now() - interval '1 hour'
          WHERE cart_id = ? RETURNING id`,
        [guestCart.id]
      )

      const snapshot = async () =>
        (
          await dbConnection.raw(
            `SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM coupon t) ||
                    (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM coupon_code t) ||
                    (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM coupon_wallet_entry t) ||
                    (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM coupon_redemption t) AS h`
          )
        ).rows[0].h
      const before = await snapshot()
      const report = await check()
      expect(await snapshot()).toBe(before)

      expect(report.ok).toBe(false)
      expect(report.drift.map((d: any) => [d.kind, d.id, d.expected, d.actual])).toEqual([
        ["coupon_usage_count", shared.id, 1, 5],
        ["code_usage_count", serial.id, 1, 0],
        ["wallet_unused_but_spent", entry.id, "used", "available"],
        ["held_use_with_order", guestUse.id, "redeemed", "held"],
      ])
      expect(report.drift[0].message).toBe("Coupon WALLET3 counts 5 uses; its live uses are 1.")
      expect(report.drift[2].message).toBe(`Wallet entry ${entry.id} (WALLET3) is unused, but order ${memberOrder.id} spent that code.`)
      expect(report.drift[3].message).toBe(
        `The use ${guestUse.id} of SER1AL is held, but its cart became order ${guestOrder.id} (the hold sweep marks it redeemed).`
      )
    })
  },
})
