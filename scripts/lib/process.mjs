// Ports, health waits and process groups: what every script that starts a
// server needs (dev launcher, tests, checks, benchmarks, the browser test).
import { readdirSync, readFileSync } from "node:fs"
import net from "node:net"

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Polls `${baseUrl}/health` until it answers 200 (true), the timeout passes
 * or `stopped()` says to give up (false).
 */
export async function waitForHealth(baseUrl, { timeoutMs = 180_000, intervalMs = 250, stopped = () => false } = {}) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until && !stopped()) {
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) })
      if (res.ok) return true
    } catch {
      // not listening yet
    }
    await sleep(intervalMs)
  }
  return false
}

/** Whether a process group still has a live (non-zombie) member. */
export function groupAlive(pgid) {
  if (process.platform === "linux") {
    try {
      for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue
        let stat
        try {
          stat = readFileSync(`/proc/${entry}/stat`, "utf8")
        } catch {
          continue
        }
        // pid (comm) state ppid pgrp …; comm may contain spaces and ")".
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
        if (Number(fields[2]) === pgid && fields[0] !== "Z") return true
      }
      return false
    } catch {
      // fall through
    }
  }
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/** Sends a signal to a whole process group (Medusa's CLI forks children). */
export function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal)
  } catch {
    // already gone
  }
}

/** Waits until the group has no live member; true when it is gone. */
export async function waitGroupGone(pgid, timeoutMs) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (!groupAlive(pgid)) return true
    await sleep(100)
  }
  return !groupAlive(pgid)
}

/** SIGTERM to the group, then SIGKILL if it is still there after `graceMs`. */
export async function stopGroup(pgid, { graceMs = 10_000, killMs = 5_000 } = {}) {
  if (!groupAlive(pgid)) return
  signalGroup(pgid, "SIGTERM")
  if (await waitGroupGone(pgid, graceMs)) return
  signalGroup(pgid, "SIGKILL")
  await waitGroupGone(pgid, killMs)
}
