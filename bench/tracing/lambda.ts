/**
 * The user-email Lambda functions built without tracing (purista.config.ts) and with it
 * (fixtures/user-email/purista.traced.config.ts, the same sources): which OpenTelemetry code each
 * function loads, its bytes, and cold start under aws-lambda-ric on Node 22 with the helpers
 * bench/lambda/cold-start.ts uses, the traced one exporting to the receiver at
 * OTEL_EXPORTER_OTLP_ENDPOINT. Prints one JSON line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { build } from '../../cli/build.ts'
import { runWithRic } from '../../e2e/runtime-api.ts'
import { median, REPO } from '../lib.ts'
import { startBenchAws } from '../lambda/local-aws.ts'
import { userRegisteredEvent } from '../lambda/events.ts'

const ROUNDS = Number(process.env.TRACING_ROUNDS ?? 9)
const work = join(REPO, 'bench/.work/tracing/lambda')
const CONFIGS = { untraced: 'purista.config.ts', traced: 'fixtures/user-email/purista.traced.config.ts' } as const
type Build = keyof typeof CONFIGS
for (const [name, config] of Object.entries(CONFIGS)) {
  const report = await build({ configPath: join(REPO, config), target: 'lambda', outDir: join(work, name), typecheck: false })
  if (!report.ok) throw new Error(JSON.stringify(report.diagnostics))
}
const functionsDir = (b: Build) => join(work, b, 'lambda/functions')
const FUNCTIONS = readdirSync(functionsDir('untraced')).filter((fn) => statSync(join(functionsDir('untraced'), fn)).isDirectory())

/** The JavaScript files a function loads: its entry and the chunks beside it. */
const loadedFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.mjs'))
    .map((e) => join(e.parentPath, e.name))
const bytesOf = (dir: string) => loadedFiles(dir).reduce((sum, file) => sum + statSync(file).size, 0)
/** The OpenTelemetry sources (the SDK's packages, purista's runtime/tracing/otel) in a function's files, by their source maps. */
const otelSources = (dir: string) =>
  loadedFiles(dir).flatMap((file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources.filter((s) => s.includes('node_modules/@opentelemetry/') || s.includes('runtime/tracing/otel/')))

const sizes = FUNCTIONS.map((fn) => ({ fn, untraced: bytesOf(join(functionsDir('untraced'), fn)), traced: bytesOf(join(functionsDir('traced'), fn)), untracedOtelSources: otelSources(join(functionsDir('untraced'), fn)).length, tracedOtelSources: otelSources(join(functionsDir('traced'), fn)).length }))
// Issue 16: a function that does not enable tracing carries no OpenTelemetry code. The traced count checks the check.
for (const s of sizes) if (s.untracedOtelSources) throw new Error(`${s.fn} built without tracing loads ${otelSources(join(functionsDir('untraced'), s.fn)).join(', ')}`)
if (!sizes.some((s) => s.tracedOtelSources)) throw new Error('no traced function loads OpenTelemetry code: the source maps are not what this script reads')

// Cold start of an HTTP function and an EventBridge one that calls another function (Lambda Invoke), as cold-start.ts runs them.
const aws = await startBenchAws()
let registrations = 0
const eventFor: Record<string, () => unknown> = {
  'User-v1-registerNewUser': () => ({
    version: '2.0',
    routeKey: 'POST /api/v1/users',
    rawPath: '/api/v1/users',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', path: '/api/v1/users' }, requestId: 'r', routeKey: 'POST /api/v1/users', stage: '$default', timeEpoch: 0 },
    isBase64Encoded: false,
    body: JSON.stringify({ email: `bench-${registrations++}@example.com`, name: 'Bench' }),
  }),
  'Email-v1-sendWelcomeMail': userRegisteredEvent,
}
const env = { ...aws.environment, PURISTA_STATE_TABLE: 'state', PURISTA_EVENT_BUS: 'bus', PURISTA_INVOKE_User_1_getUser: 'GetUser', LOG_LEVEL: 'warn' }
const exportTo = { OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT! }
const samples = Object.fromEntries(Object.keys(eventFor).map((fn) => [fn, { untraced: [] as number[], traced: [] as number[] }]))
for (let round = 0; round < ROUNDS; round++) {
  for (const fn of Object.keys(eventFor)) {
    for (const b of ['untraced', 'traced'] as const) {
      const run = await runWithRic({ taskRoot: join(functionsDir(b), fn), handler: 'index.handler', events: [eventFor[fn]!()], env: b === 'traced' ? { ...env, ...exportTo } : env })
      const outcome = run.outcomes[0] as { result?: { statusCode?: number } }
      if (!('result' in outcome) || (outcome.result?.statusCode ?? 200) >= 400) throw new Error(`${b} ${fn} failed: ${JSON.stringify(outcome)}\n${run.output}`)
      samples[fn]![b].push(run.coldStartMs)
    }
  }
}
await aws.close()
const coldStarts = Object.entries(samples).map(([fn, s]) => ({ fn, untracedMs: median(s.untraced), tracedMs: median(s.traced) }))
process.stdout.write(JSON.stringify({ rounds: ROUNDS, sizes, coldStarts }) + '\n')
