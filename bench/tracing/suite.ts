import { join } from 'node:path'
import { fmt, median, REPO, runNode, startServerProcess } from '../lib.ts'
import { load, type LoadResult } from '../http/load.ts'
import { buildVariants, type Variant } from './builds.ts'
import { httpInstructions, INSTRUCTION_CALLS, invokeInstructions } from './instructions.ts'

/*
 * Issue 16's cost: the hot paths with tracing off against the code from before tracing landed, and
 * with tracing on (the SDK started by purista's own switch, exporting over OTLP/HTTP to a receiver
 * process with the default batch span processor); on Lambda, the SDK's bytes and cold start.
 * Every variant runs in its own process, interleaved round by round; medians and ratios.
 */

/** TRACING_ROUNDS shortens a trial run; the defaults are what RESULTS.md reports. */
const ROUNDS = Number(process.env.TRACING_ROUNDS ?? 0)
const LOAD_SECONDS = 4
/** OTEL_BSP_SCHEDULE_DELAY's default: the longest a span waits in the batch processor before export. */
const BATCH_DELAY_MS = 5_000
const SPANS_PER_REQUEST = 3
const exported = () => new Promise((resolve) => setTimeout(resolve, BATCH_DELAY_MS + 1_000))

type Row = 'before' | 'off' | 'sdk' | 'on'
const LABELS: Record<Row, string> = {
  before: 'before tracing',
  off: 'tracing off (built without telemetry)',
  sdk: 'built with tracing, no endpoint set',
  on: 'tracing on, exporting',
}
const ROWS = Object.keys(LABELS) as Row[]
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${((a / b - 1) * 100).toFixed(1)}%`

export async function tracingSuite(log: (line: string) => void): Promise<string> {
  const { variants, beforeCommit } = await buildVariants(log)
  const receiver = await startServerProcess('OTLP receiver', ['--import', 'tsx', join(REPO, 'bench/tracing/receiver.ts')], (line) => line.includes('"listening"'), {}, { readyWithinMs: 60_000 })
  const endpoint = `http://127.0.0.1:${JSON.parse(receiver.readyLine).port}`
  const received = async () => ((await (await fetch(`${endpoint}/count`)).json()) as { spans: number }).spans
  const exporting = { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }
  // What each row runs: a bundle, and the environment that switches export on.
  const run: Record<Row, { variant: Variant; env: Record<string, string> }> = {
    before: { variant: variants.before, env: {} },
    off: { variant: variants.off, env: {} },
    sdk: { variant: variants.traced, env: {} },
    on: { variant: variants.traced, env: exporting },
  }
  try {
    // Each part's numbers are logged as it ends: a long run cut short still tells what it measured.
    const invoke = await invokeRounds(run, log)
    log(`tracing, in-process: ${JSON.stringify(invoke)}`)
    const http = await httpRounds(run, received, log)
    log(`tracing, HTTP: ${JSON.stringify(http)}`)
    log('tracing: lambda bytes and cold start, untraced and traced')
    const lambda = await runNode<LambdaResult>('bench/tracing/lambda.ts', [], { ...exporting, ...(ROUNDS && { TRACING_ROUNDS: String(ROUNDS) }) })
    log(`tracing, lambda: ${JSON.stringify(lambda)}`)
    log('tracing: instructions per in-process call and per HTTP request under valgrind, before tracing and tracing off')
    const instructions = {
      invoke: { before: await invokeInstructions('before', variants.before.invoke, {}), off: await invokeInstructions('off', variants.off.invoke, {}) },
      http: { before: await httpInstructions('before', variants.before.monolith, {}), off: await httpInstructions('off', variants.off.monolith, {}) },
    }
    return report({ beforeCommit, invoke, http, instructions, lambda })
  } finally {
    await receiver.stop()
  }
}

async function invokeRounds(run: Record<Row, { variant: Variant; env: Record<string, string> }>, log: (line: string) => void) {
  const samples = Object.fromEntries(ROWS.map((row) => [row, [] as number[]])) as Record<Row, number[]>
  const rounds = ROUNDS || 3
  for (let round = 1; round <= rounds; round++) {
    for (const row of ROWS) {
      log(`tracing, in-process round ${round}: ${LABELS[row]}`)
      const { callsPerSec } = await runNode<{ callsPerSec: number[] }>(run[row].variant.invoke, [], { LOG_LEVEL: 'error', ...run[row].env })
      samples[row].push(...callsPerSec)
    }
  }
  return { rounds, calls: Object.fromEntries(ROWS.map((row) => [row, median(samples[row])])) as Record<Row, number> }
}

async function httpRounds(run: Record<Row, { variant: Variant; env: Record<string, string> }>, received: () => Promise<number>, log: (line: string) => void) {
  const servers = {} as Record<Row, { port: number; stop: () => Promise<void> }>
  const results = Object.fromEntries(ROWS.map((row) => [row, [] as LoadResult[]])) as Record<Row, LoadResult[]>
  const rounds = ROUNDS || 5
  let spans = 0
  try {
    for (const row of ROWS) {
      // At info the monolith logs its port once and nothing per request, as in the HTTP suite.
      const { readyLine, stop } = await startServerProcess(LABELS[row], [run[row].variant.monolith], (line) => line.includes('"listening"'), { PORT: '0', LOG_LEVEL: 'info', ...run[row].env })
      servers[row] = { port: JSON.parse(readyLine).port as number, stop }
    }
    for (const row of ROWS) await load(servers[row].port, 2) // warm-up
    // Spans counted are the rounds' only: each count waits out the batch processor's delay first.
    await exported()
    const warmUpSpans = await received()
    for (let round = 1; round <= rounds; round++) {
      for (const row of ROWS) {
        log(`tracing, HTTP round ${round}: ${LABELS[row]}`)
        const result = await load(servers[row].port, LOAD_SECONDS)
        if (result.non2xx) throw new Error(`${LABELS[row]} answered ${result.non2xx} requests with an error`)
        results[row].push(result)
      }
    }
    await exported()
    spans = (await received()) - warmUpSpans
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()))
  }
  const summary = Object.fromEntries(
    ROWS.map((row) => [row, { rps: median(results[row].map((r) => r.requestsPerSec)), p50: median(results[row].map((r) => r.latencyP50Ms)), p99: median(results[row].map((r) => r.latencyP99Ms)) }]),
  ) as Record<Row, { rps: number; p50: number; p99: number }>
  const requests = results.on.reduce((sum, r) => sum + r.requestsPerSec * LOAD_SECONDS, 0)
  return { rounds, summary, spansPerRequest: spans / requests }
}

interface LambdaResult {
  rounds: number
  sizes: { fn: string; untraced: number; traced: number; untracedOtelSources: number; tracedOtelSources: number }[]
  coldStarts: { fn: string; untracedMs: number; tracedMs: number }[]
}

function report(r: { beforeCommit: string; invoke: Awaited<ReturnType<typeof invokeRounds>>; http: Awaited<ReturnType<typeof httpRounds>>; instructions: Record<'invoke' | 'http', Record<'before' | 'off', number>>; lambda: LambdaResult }): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  const { calls } = r.invoke
  const { summary } = r.http
  return [
    '## Tracing: cost off and on',
    '',
    `Issue 16's cost. "Before tracing" is commit ${r.beforeCommit.slice(0, 7)}, the parent of the first tracing commit, extracted with \`git archive\` and built by its own CLI and bundler from the same bench sources (bench/old-tree.ts). "Tracing off" is the current code built without \`telemetry\`; "built with tracing" is the same app built with \`telemetry: { tracing: true }\` (bench/tracing/app), which starts the SDK first: without OTEL_EXPORTER_OTLP_ENDPOINT it sets nothing up, with it every span is exported over OTLP/HTTP JSON by the default batch span processor to a receiver in its own process (bench/tracing/receiver.ts). Every sampler default: every trace sampled.`,
    '',
    '### In-process command call',
    '',
    `Math.add called sequentially in process (bench/tracing/invoke-driver.ts, the call of bench/invoke/purista.ts); traced, through the sender a service's own calls go through, so a call is a client and a server span. Each variant in its own process, ${r.invoke.rounds} processes × 5 rounds of 1 s, interleaved.`,
    '',
    '| variant | calls/s (median) | ÷ before tracing |',
    '|---|---:|---:|',
    ...ROWS.map((row) => `| ${LABELS[row]} | ${fmt(calls[row])} | ${ratio(calls[row], calls.before)} |`),
    '',
    '### Monolith HTTP POST',
    '',
    `bench/http/app's validated POST /api/v1/users on the monolith bundle, loaded by wrk (1 thread, 64 connections) as in the HTTP suite; ${r.http.rounds} interleaved rounds of ${LOAD_SECONDS} s after a 2 s warm-up, medians. A traced request makes ${SPANS_PER_REQUEST} spans (HTTP server, command client, command server); exporting, the receiver got ${r.http.spansPerRequest.toFixed(2)} per request${r.http.spansPerRequest < SPANS_PER_REQUEST * 0.99 ? ': the batch processor dropped the rest, as it does once its queue (2,048 spans) is full' : ''}.`,
    '',
    '| variant | requests/s | ÷ before tracing | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|',
    ...ROWS.map((row) => `| ${LABELS[row]} | ${fmt(summary[row].rps)} | ${ratio(summary[row].rps, summary.before.rps)} | ${summary[row].p50.toFixed(2)} | ${summary[row].p99.toFixed(2)} |`),
    '',
    '### Instructions per call, tracing off against before tracing',
    '',
    `Counted by valgrind (cachegrind, no cache simulation), so the machine's load does not move them: each process runs once with few and once with many calls, the difference divided by the calls between (in process ${fmt(INSTRUCTION_CALLS.invoke.short)} and ${fmt(INSTRUCTION_CALLS.invoke.long)}; HTTP ${fmt(INSTRUCTION_CALLS.http.short)} and ${fmt(INSTRUCTION_CALLS.http.long)} sequential POSTs over one keep-alive connection, the server process counted). The JIT's one-off work still moves a count by a few percent between runs.`,
    '',
    '| path | before tracing | tracing off | difference |',
    '|---|---:|---:|---:|',
    `| in-process call | ${fmt(r.instructions.invoke.before)} | ${fmt(r.instructions.invoke.off)} | ${pct(r.instructions.invoke.off, r.instructions.invoke.before)} |`,
    `| HTTP POST (server) | ${fmt(r.instructions.http.before)} | ${fmt(r.instructions.http.off)} | ${pct(r.instructions.http.off, r.instructions.http.before)} |`,
    '',
    '### Lambda: bytes and cold start',
    '',
    `The user-email functions built without tracing (purista.config.ts) and with it (fixtures/user-email/purista.traced.config.ts, the same sources). OpenTelemetry sources are those of node_modules/@opentelemetry/ and runtime/tracing/otel/ in the source maps of the files a function loads. Built without tracing, no function carries any (lambda.ts fails otherwise).`,
    '',
    '| function | bytes untraced | bytes traced | tracing adds | OpenTelemetry sources untraced / traced |',
    '|---|---:|---:|---:|---:|',
    ...r.lambda.sizes.map((s) => `| ${s.fn} | ${fmt(s.untraced)} | ${fmt(s.traced)} | ${kb(s.traced - s.untraced)} | ${s.untracedOtelSources} / ${s.tracedOtelSources} |`),
    '',
    `Cold start under aws-lambda-ric on Node 22, spawn to first answer (init + first invocation, its spans exported to the receiver before it answers), median of ${r.lambda.rounds} interleaved runs:`,
    '',
    '| function | untraced ms | traced ms | tracing adds |',
    '|---|---:|---:|---:|',
    ...r.lambda.coldStarts.map((c) => `| ${c.fn} | ${c.untracedMs.toFixed(0)} | ${c.tracedMs.toFixed(0)} | ${(c.tracedMs - c.untracedMs).toFixed(0)} ms (${pct(c.tracedMs, c.untracedMs)}) |`),
  ].join('\n')
}
