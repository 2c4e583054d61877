import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { valgrind } from '../broker/instructions.ts'
import { REPO, runNode, startServerProcess } from '../lib.ts'

/*
 * Instructions per call and per request, counted by valgrind (cachegrind, no cache simulation)
 * rather than timed, so they do not follow the shared machine's load. As the instructions suite
 * does, each process runs once with SHORT and once with LONG calls and the difference is divided
 * by LONG − SHORT: start-up, warm-up and most of the JIT's one-off work fall out.
 */
const CALLS = { invoke: { short: 2_000, long: 10_000 }, http: { short: 1_000, long: 3_000 } }
const OUT = join(REPO, 'bench/.work/tracing/instructions')

const refsIn = (log: string): number => {
  const refs = /I\s+refs:\s+([\d,]+)/.exec(readFileSync(log, 'utf8'))?.[1]
  if (!refs) throw new Error(`valgrind reported no instruction count in ${log}`)
  return Number(refs.replaceAll(',', ''))
}

async function perCall(name: string, count: (calls: number, log: string) => Promise<void>, { short, long }: { short: number; long: number }): Promise<number> {
  mkdirSync(OUT, { recursive: true })
  const log = join(OUT, `${name}.log`)
  await count(short, log)
  const shortRefs = refsIn(log)
  await count(long, log)
  return (refsIn(log) - shortRefs) / (long - short)
}

/** Instructions one in-process command call costs, the whole process counted. */
export const invokeInstructions = (name: string, bundle: string, env: Record<string, string>) =>
  perCall(`invoke-${name}`, (calls, log) => runNode(bundle, [], { ...env, BENCH_CALLS: String(calls) }, valgrind(log)).then(() => {}), CALLS.invoke)

/** Instructions the monolith process runs per POST, the client (http-calls.ts) left out of the count. */
export const httpInstructions = (name: string, monolith: string, env: Record<string, string>) =>
  perCall(
    `http-${name}`,
    async (calls, log) => {
      const server = await startServerProcess(name, [monolith], (line) => line.includes('"listening"'), { PORT: '0', LOG_LEVEL: 'info', ...env }, { ...valgrind(log), readyWithinMs: 600_000 })
      try {
        await runNode('bench/tracing/http-calls.ts', [], { BENCH_CALLS: String(calls), BENCH_PORT: String(JSON.parse(server.readyLine).port) })
      } finally {
        await server.stop()
      }
    },
    CALLS.http,
  )

export const INSTRUCTION_CALLS = CALLS
