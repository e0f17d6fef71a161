// `npm run bench`: every benchmark, one after the other, each on its own
// fresh database and server(s); then bench/results/run-all.json says which
// ran, how long each took, the machine and its load before and after.
// `npm run bench:docs` turns bench/results/ into docs/benchmarks.md.
//
// A benchmark that fails does not stop the others; the exit code is 1 when
// any failed. BENCH_ONLY=checkout,codes,wallet,hot picks some of them.
import { spawn } from "node:child_process"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { writeResults } from "./lib.mjs"

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
const BENCHES = [
  { name: "checkout", script: "run.mjs" },
  { name: "codes", script: "codes.mjs" },
  { name: "wallet", script: "wallet.mjs" },
  { name: "hot", script: "hot-coupon.mjs" },
]
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => s.trim())) : null

const load = () => os.loadavg().map((x) => Number(x.toFixed(2)))
const started = Date.now()
const runs = []
const loadStart = load()
for (const bench of BENCHES) {
  if (only && !only.has(bench.name)) continue
  const t0 = Date.now()
  process.stdout.write(`\n[bench] ===== ${bench.name} (node bench/${bench.script}) =====\n`)
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(BENCH_DIR, bench.script)], { stdio: "inherit", env: process.env })
    child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)))
  })
  runs.push({ name: bench.name, script: bench.script, exit_code: code, seconds: Math.round((Date.now() - t0) / 1000), load_after: load() })
}
const cpus = os.cpus()
const file = writeResults("run-all.json", {
  date: new Date().toISOString(),
  machine: { cpus: cpus.length, cpu_model: cpus[0]?.model?.trim(), memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  load_average_start: loadStart,
  load_average_end: load(),
  seconds: Math.round((Date.now() - started) / 1000),
  runs,
})
process.stdout.write(
  `\n[bench] all: ${runs.map((r) => `${r.name} ${r.exit_code === 0 ? "ok" : `FAILED (${r.exit_code})`} ${r.seconds} s`).join(", ")}; ` +
    `total ${Math.round((Date.now() - started) / 1000)} s; ${file}\n`
)
process.exit(runs.some((r) => r.exit_code !== 0) ? 1 : 0)
