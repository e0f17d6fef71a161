// What the three benchmarks share besides the server harness
// (scripts/lib/medusa-app.mjs): reading their settings from the environment,
// laying out their tables, and writing their results to bench/results/.
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "results")

/** An integer setting from the environment; a bad value stops the bench (exit 2). */
export function positiveInt(name, fallback, { allowZero = false } = {}) {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    console.error(`[bench] ${name} must be a ${allowZero ? "non-negative" : "positive"} integer, got "${raw}"`)
    process.exit(2)
  }
  return n
}

/** Writes bench/results/<fileName> (gitignored) and answers its path relative to the project. */
export function writeResults(fileName, data) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, fileName)
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + "\n")
  return `bench/results/${fileName}`
}

export const round = (x) => Number(x.toFixed(2))
export const pad = (s, n) => String(s).padEnd(n)
export const lpad = (s, n) => String(s).padStart(n)
