/**
 * Runs tasks that share a key one after another, in this process; tasks of
 * other keys run freely. Claims of one coupon are serialised by PostgreSQL's
 * row lock anyway (docs/rules.md §4): queueing them here first means a hot
 * coupon keeps at most one of this process's database connections waiting
 * on that lock, instead of a connection per concurrent checkout, so the
 * rest of every checkout keeps its connections. The lock, not this queue,
 * is what keeps the limit across processes.
 *
 * Answers `runQueued(key, task)`: it runs `task` once every earlier task of
 * `key` has settled, and its result or failure is the caller's.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<void>>()
  return function runQueued<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve()
    // After the previous task settles, whichever way it settled.
    const result = previous.then(task)
    const tail = result.then(
      () => undefined,
      () => undefined
    )
    tails.set(key, tail)
    // A key with nothing queued is forgotten.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return result
  }
}
