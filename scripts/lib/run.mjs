import { spawn } from "node:child_process"
import { PROJECT_ROOT } from "./embedded-postgres.mjs"
import { signalGroup } from "./process.mjs"

/**
 * Runs a command in its own process group and resolves with its exit code.
 * Medusa's CLI starts child processes (`develop` forks `start`), so stopping
 * means signalling the whole group, not just the parent.
 */
export function run(command, args, { env = process.env, cwd = PROJECT_ROOT, stdio = "inherit" } = {}) {
  const child = spawn(command, args, { cwd, env, stdio, detached: true })
  const done = new Promise((resolve, reject) => {
    child.on("error", reject)
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
  return {
    child,
    done,
    stop(signal = "SIGTERM") {
      signalGroup(child.pid, signal)
    },
  }
}

/** Runs a command to completion; throws when it fails. */
export async function runOrThrow(command, args, options) {
  const code = await run(command, args, options).done
  if (code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${code}`)
  }
}

export const medusaBin = `${PROJECT_ROOT}/node_modules/.bin/medusa`
