import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "../helpers/admin"
import { createCustomer } from "../helpers/customer"
import { createTestStore, storefront, TestStore } from "../helpers/store"

jest.setTimeout(240 * 1000)

const GUESSER = "203.0.113.9"
const NEIGHBOUR = "198.51.100.7"

/**
 * rules.md §7.5: a guesser locks out only itself. Unknown codes are counted
 * per cart (10), per logged-in customer (10) and per guest client address
 * (30). The client address is `req.ip`, which Medusa (trust proxy: 1 hop)
 * takes from X-Forwarded-For as a load balancer in front of it sets it.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: TestStore

    beforeEach(async () => {
      const admin = await createAdminHeaders(getContainer())
      store = await createTestStore(getContainer())
      await api.post("/admin/coupons", { code: "REAL5", title: "t", type: "fixed", amount: 5, currency_code: "usd" }, admin)
    })

    /** A shopper behind the load balancer at `address`, optionally logged in. */
    const shopperAt = (address: string, customerToken?: string) => {
      const shop = storefront(api, store, customerToken)
      const headers = { ...shop.headers, "x-forwarded-for": address }
      const apply = (cartId: string, code: string) =>
        api
          .post(`/store/carts/${cartId}/coupon`, { code }, { headers, validateStatus: () => true })
          .then((r: any) => ({ status: r.status, code: r.data.code, retryAfter: r.headers["retry-after"], discount: r.data.cart?.discount_total }))
      return { shop, apply }
    }

    it("one address that used up its budget gets 429; a guest elsewhere and a logged-in customer on it still apply real codes", async () => {
      const guesser = shopperAt(GUESSER)
      const statuses: number[] = []
      // 30 misses over three carts: each cart's 10 and the address's 30 are used up.
      for (let c = 0; c < 3; c++) {
        const cart = await guesser.shop.createCart([["tee", 1]])
        for (let i = 0; i < 10; i++) statuses.push((await guesser.apply(cart.id, `GUESS${c}X${i}`)).status)
      }
      expect(statuses).toEqual(Array(30).fill(404))

      // A fresh cart from the same address: the address is out of attempts, even for a real code.
      const fresh = await guesser.shop.createCart([["tee", 1]])
      const locked = await guesser.apply(fresh.id, "REAL5")
      expect([locked.status, locked.code]).toEqual([429, "too_many_attempts"])
      expect(Number(locked.retryAfter)).toBeGreaterThan(800)
      expect(Number(locked.retryAfter)).toBeLessThanOrEqual(900)

      // A guest on another address: unaffected.
      const neighbour = shopperAt(NEIGHBOUR)
      const theirs = await neighbour.shop.createCart([["tee", 1]])
      expect(await neighbour.apply(theirs.id, "REAL5")).toMatchObject({ status: 200, discount: 5 })

      // A logged-in customer behind the guesser's very address: counted as themself.
      const customer = await createCustomer(getContainer())
      const member = shopperAt(GUESSER, customer.token)
      const memberCart = await member.shop.createCart([["tee", 1]])
      expect(await member.apply(memberCart.id, "REAL5")).toMatchObject({ status: 200, discount: 5 })
    })

    it("a cart's own budget stops guesses on it after 10 while its address still has attempts left", async () => {
      const guesser = shopperAt(GUESSER)
      const cart = await guesser.shop.createCart([["tee", 1]])
      const statuses: number[] = []
      for (let i = 0; i < 11; i++) statuses.push((await guesser.apply(cart.id, `MISS${i}`)).status)
      expect(statuses).toEqual([...Array(10).fill(404), 429])
      const other = await guesser.shop.createCart([["tee", 1]])
      expect(await guesser.apply(other.id, "REAL5")).toMatchObject({ status: 200, discount: 5 })
    })

    it("a logged-in customer's misses are counted to them across carts, not to their address", async () => {
      const customer = await createCustomer(getContainer())
      const member = shopperAt(NEIGHBOUR, customer.token)
      const statuses: number[] = []
      for (let c = 0; c < 2; c++) {
        const cart = await member.shop.createCart([["tee", 1]])
        for (let i = 0; i < 6; i++) statuses.push((await member.apply(cart.id, `MEMBER${c}X${i}`)).status)
      }
      expect(statuses).toEqual([...Array(10).fill(404), 429, 429])
      // A guest at the same address is untouched.
      const guest = shopperAt(NEIGHBOUR)
      const cart = await guest.shop.createCart([["tee", 1]])
      expect(await guest.apply(cart.id, "REAL5")).toMatchObject({ status: 200, discount: 5 })
    })
  },
})
