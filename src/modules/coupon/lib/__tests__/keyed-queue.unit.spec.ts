import { createKeyedQueue } from "../keyed-queue"

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe("createKeyedQueue", () => {
  it("runs tasks of one key one after another, in the order they came", async () => {
    const runQueued = createKeyedQueue()
    const log: string[] = []
    let running = 0
    let most = 0
    const task = (name: string) => async () => {
      running += 1
      most = Math.max(most, running)
      log.push(`start ${name}`)
      await tick()
      log.push(`end ${name}`)
      running -= 1
      return name
    }
    const results = await Promise.all(["a", "b", "c"].map((name) => runQueued("coupon_1", task(name))))
    expect(results).toEqual(["a", "b", "c"])
    expect(most).toBe(1)
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"])
  })

  it("lets tasks of other keys run at the same time", async () => {
    const runQueued = createKeyedQueue()
    let running = 0
    let most = 0
    const task = async () => {
      running += 1
      most = Math.max(most, running)
      await tick()
      running -= 1
    }
    await Promise.all([runQueued("coupon_1", task), runQueued("coupon_2", task), runQueued("coupon_3", task)])
    expect(most).toBe(3)
  })

  it("hands a failure to its own caller only; the next task still runs", async () => {
    const runQueued = createKeyedQueue()
    const failing = runQueued("coupon_1", async () => {
      throw new Error("usage limit reached")
    })
    const next = runQueued("coupon_1", async () => "claimed")
    await expect(failing).rejects.toThrow("usage limit reached")
    await expect(next).resolves.toBe("claimed")
  })
})
