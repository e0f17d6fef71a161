import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { loadCouponCart } from "../../src/workflows/carts/load-coupon-cart"
import { claimCouponAtCompletionWorkflow, refreshCouponOnCartWorkflow } from "../../src/workflows"
import { lineOf, openTestShop, TestShop } from "../helpers/store"

jest.setTimeout(180 * 1000)

/*
 * The compensations of the cart workflows, forced: each workflow runs as a
 * step of a workflow whose next step fails, as when a later step of Medusa's
 * promotion refresh or cart completion fails after the coupon's steps wrote.
 * Everything they wrote must be undone. Each case first shows the same run
 * without the failure does change what the compensation must put back.
 */
const aLaterStepFails = createStep("test-a-later-step-fails", async () => {
  throw new Error("a later step failed")
})

const refreshThenFail = createWorkflow("test-refresh-coupon-then-fail", (input: { cart: any }) => {
  refreshCouponOnCartWorkflow.runAsStep({ input })
  aLaterStepFails()
  return new WorkflowResponse(void 0)
})

const claimThenFail = createWorkflow("test-claim-coupon-then-fail", (input: { cart: any }) => {
  claimCouponAtCompletionWorkflow.runAsStep({ input })
  aLaterStepFails()
  return new WorkflowResponse(void 0)
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let { admin, store, shop } = {} as TestShop

    beforeEach(async () => {
      ;({ admin, store, shop } = await openTestShop(api, getContainer()))
    })

    /** The coupon's shares on the cart's lines, by product, and the cart row's stored split. */
    const couponState = async (cartId: string) => {
      const cart = await shop.getCart(cartId)
      const shareOf = (key: "tee" | "mug") =>
        (lineOf(cart, store, key)?.adjustments ?? [])
          .filter((a: any) => a.code === "TENPC")
          .reduce((sum: number, a: any) => sum + Number(a.amount), 0)
      const row = await dbConnection.raw(`SELECT allocations, cart_fingerprint FROM coupon_cart WHERE cart_id = ? AND deleted_at IS NULL`, [
        cartId,
      ])
      return { tee: shareOf("tee"), mug: shareOf("mug"), row: row.rows[0] }
    }

    it("refreshCouponOnCartWorkflow: a later failure puts back the shares and the cart's coupon row", async () => {
      await api.post("/admin/coupons", { code: "TENPC", title: "10%", type: "percentage", percentage: 10 }, admin)
      const cart = await shop.createCart([["tee", 1], ["mug", 1]])
      await shop.applyCoupon(cart.id, "TENPC")
      const before = await couponState(cart.id)
      expect([before.tee, before.mug]).toEqual([1.25, 1.25]) // 10% of 25, split evenly

      // The tee's quantity changes behind Medusa's refresh (the cart module directly), so the split is stale.
      const tee = lineOf(await shop.getCart(cart.id), store, "tee")
      await getContainer().resolve(Modules.CART).updateLineItems(tee.id, { quantity: 3 })

      const failed = await refreshThenFail(getContainer()).run({
        input: { cart: await loadCouponCart(getContainer(), cart.id) },
        throwOnError: false,
      })
      expect(failed.errors.map((e: any) => e.error?.message)).toEqual(["a later step failed"])
      expect(await couponState(cart.id)).toEqual(before)

      // Control: the same refresh, nothing failing after it, writes the new split.
      await refreshCouponOnCartWorkflow(getContainer()).run({ input: { cart: await loadCouponCart(getContainer(), cart.id) } })
      const after = await couponState(cart.id)
      expect([after.tee, after.mug]).toEqual([2.25, 2.25]) // 10% of 45
      expect(after.row).not.toEqual(before.row)
    })

    it("claimCouponAtCompletionWorkflow: a later failure gives back the use it claimed, and the counters", async () => {
      const { data } = await api.post(
        "/admin/coupons",
        { code: "TENPC", title: "10%", type: "percentage", percentage: 10, usage_limit: 1 },
        admin
      )
      const cart = await shop.createCart([["tee", 1], ["mug", 1]])
      await shop.applyCoupon(cart.id, "TENPC")
      const uses = async () =>
        (await dbConnection.raw(`SELECT status FROM coupon_redemption WHERE cart_id = ? AND deleted_at IS NULL`, [cart.id])).rows.map(
          (r: any) => r.status
        )
      const usageCount = async () =>
        Number((await dbConnection.raw(`SELECT usage_count FROM coupon WHERE id = ?`, [data.coupon.id])).rows[0].usage_count)

      const failed = await claimThenFail(getContainer()).run({
        input: { cart: await loadCouponCart(getContainer(), cart.id) },
        throwOnError: false,
      })
      expect(failed.errors.map((e: any) => e.error?.message)).toEqual(["a later step failed"])
      expect(await uses()).toEqual(["released"])
      expect(await usageCount()).toBe(0)

      // Control: the same claim, nothing failing after it, holds one use for the cart.
      const { result } = await claimCouponAtCompletionWorkflow(getContainer()).run({
        input: { cart: await loadCouponCart(getContainer(), cart.id) },
      })
      expect(result).toMatchObject({ reused: false })
      expect((await uses()).sort()).toEqual(["held", "released"])
      expect(await usageCount()).toBe(1)
    })
  },
})
