/**
 * Bundle size and cold start of the user-email functions: purista's bundles against hand-written
 * Lambda handlers with the same schemas and logic (bench/lambda/handwritten), both bundling the AWS
 * SDK clients they use. Each function runs under the real aws-lambda-ric on Node 22; cold start is
 * from spawning the runtime to its first answer (init + first invocation, whose SDK calls go to a
 * local DynamoDB and AWS endpoint), against an empty handler's in the same rounds.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import * as esbuild from 'esbuild'
import { build } from '../../cli/build.ts'
import { runWithRic } from '../../e2e/runtime-api.ts'
import { median, REPO, zodLitePlugin } from '../lib.ts'
import { oldTree } from '../old-tree.ts'
import { startBenchAws } from './local-aws.ts'
import { userRegisteredEvent } from './events.ts'
import { bytesFromSources, coldStartFiles, isAwsSdkSource } from './source-bytes.ts'

/** The last commit before the work on issue 17 (the session that filed it ended there). */
const BEFORE_ISSUE_17 = '909edb8'
// Single cold starts swing by a quarter on this shared machine: nine interleaved rounds per pair.
const ROUNDS = 9
const work = join(REPO, 'bench/.work/lambda-cold')
const FUNCTIONS = ['User-v1-getUser', 'User-v1-registerNewUser', 'Email-v1-listSentMails', 'Email-v1-sendWelcomeMail']
const handwrittenName = (fn: string) => fn.split('-').at(-1)!

for (const [config, outDir] of [['purista.config.ts', 'purista'], ['bench/lambda/runtime-sdk.config.ts', 'purista-runtime-sdk'], ['bench/lambda/zod-validators.config.ts', 'purista-zod']]) {
  const report = await build({ configPath: join(REPO, config), target: 'lambda', outDir: join(work, outDir) })
  if (!report.ok) throw new Error(JSON.stringify(report.diagnostics))
}
// The functions as they were when issue 17 (Lambda cold start) was filed, built by that tree's own CLI.
const before = oldTree(BEFORE_ISSUE_17, 'before-issue-17')
execFileSync(process.execPath, [join(before.dir, 'cli/bin.mjs'), 'build', '--target', 'lambda', '--config', join(before.dir, 'purista.config.ts'), '--out-dir', join(work, 'purista-before')], { cwd: before.dir, stdio: 'ignore' })
await esbuild.build({
  entryPoints: [...FUNCTIONS.map((fn) => ({ in: join(REPO, 'bench/lambda/handwritten', `${handwrittenName(fn)}.ts`), out: `${fn}/index` })), { in: join(REPO, 'bench/lambda/handwritten/empty.ts'), out: 'empty/index' }],
  outdir: join(work, 'handwritten'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  // As purista's functions (targets.lambda.bundleAwsSdk): the SDK clients bundled from their ESM
  // builds, so only what the handler uses is in it, rather than the runtime's whole clients.
  mainFields: ['module', 'main'],
  sourcemap: true,
  plugins: [zodLitePlugin],
  legalComments: 'none',
  logLevel: 'error',
})
const PEERS = ['purista', 'handwritten', 'puristaRuntimeSdk', 'puristaZod', 'puristaBefore'] as const
type Peer = (typeof PEERS)[number]
const dirs: Record<Peer, (fn: string) => string> = {
  purista: (fn) => join(work, 'purista/lambda/functions', fn),
  handwritten: (fn) => join(work, 'handwritten', fn),
  puristaRuntimeSdk: (fn) => join(work, 'purista-runtime-sdk/lambda/functions', fn),
  puristaZod: (fn) => join(work, 'purista-zod/lambda/functions', fn),
  puristaBefore: (fn) => join(work, 'purista-before/lambda/functions', fn),
}

/** The JavaScript a function's folder holds (source maps excluded). */
const filesOf = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.mjs'))
    .map((e) => join(e.parentPath, e.name))
const sum = (files: string[]) => files.reduce((total, file) => total + statSync(file).size, 0)
/** What a cold start loads (for purista: entry + chunks, without the zod a compiled validator loads only for an invalid input). */
const bytesOf = (dir: string) => sum(coldStartFiles(dir))
const sdkBytesOf = (dir: string) => bytesFromSources(coldStartFiles(dir), isAwsSdkSource)
/** What a function holds but loads only when an input fails its compiled validators: zod, for the issues. */
const lazyBytesOf = (dir: string) => sum(filesOf(dir)) - bytesOf(dir)

const aws = await startBenchAws()

const httpEvent = (method: string, path: string, extra: Record<string, unknown>) => ({
  version: '2.0',
  routeKey: `${method} ${path}`,
  rawPath: path,
  rawQueryString: '',
  headers: { 'content-type': 'application/json', 'x-trace-id': 'bench' },
  requestContext: { http: { method, path }, requestId: 'r', routeKey: `${method} ${path}`, stage: '$default', timeEpoch: 0 },
  isBase64Encoded: false,
  ...extra,
})
let registrations = 0
const eventFor: Record<string, () => unknown> = {
  'User-v1-getUser': () => httpEvent('GET', '/api/v1/users/{userId}', { pathParameters: { userId: 'u1' } }),
  'User-v1-registerNewUser': () => httpEvent('POST', '/api/v1/users', { body: JSON.stringify({ email: `bench-${registrations++}@example.com`, name: 'Bench' }) }),
  'Email-v1-listSentMails': () => httpEvent('GET', '/api/v1/mails', { rawQueryString: 'to=ada@example.com', queryStringParameters: { to: 'ada@example.com' } }),
  'Email-v1-sendWelcomeMail': userRegisteredEvent,
}
const env = {
  ...aws.environment,
  PURISTA_STATE_TABLE: 'state',
  PURISTA_EVENT_BUS: 'bus',
  PURISTA_INVOKE_User_1_getUser: 'GetUser',
  GET_USER_FUNCTION: 'GetUser',
  LOG_LEVEL: 'warn',
}

const samples: Record<string, Record<Peer, number[]>> = Object.fromEntries(FUNCTIONS.map((fn) => [fn, Object.fromEntries(PEERS.map((peer) => [peer, [] as number[]])) as Record<Peer, number[]>]))
const emptySamples: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  const empty = await runWithRic({ taskRoot: join(work, 'handwritten/empty'), handler: 'index.handler', events: [{}], env })
  if (!('result' in empty.outcomes[0]!)) throw new Error(`the empty handler failed:\n${empty.output}`)
  emptySamples.push(empty.coldStartMs)
  for (const fn of FUNCTIONS) {
    for (const peer of PEERS) {
      const run = await runWithRic({ taskRoot: dirs[peer](fn), handler: 'index.handler', events: [eventFor[fn]!()], env })
      const outcome = run.outcomes[0] as { result?: { statusCode?: number } }
      if (!('result' in outcome) || (outcome.result && outcome.result.statusCode !== undefined && outcome.result.statusCode >= 400)) throw new Error(`${peer} ${fn} failed: ${JSON.stringify(outcome)}\n${run.output}`)
      samples[fn]![peer].push(run.coldStartMs)
    }
  }
}
await aws.close()

const rows = FUNCTIONS.map((fn) => ({
  fn,
  bytes: { purista: bytesOf(dirs.purista(fn)), handwritten: bytesOf(dirs.handwritten(fn)), puristaZod: bytesOf(dirs.puristaZod(fn)) },
  sdkBytes: { purista: sdkBytesOf(dirs.purista(fn)), handwritten: sdkBytesOf(dirs.handwritten(fn)), puristaZod: sdkBytesOf(dirs.puristaZod(fn)) },
  lazyBytes: lazyBytesOf(dirs.purista(fn)),
  coldStartMs: Object.fromEntries(PEERS.map((peer) => [peer, median(samples[fn]![peer])])) as Record<Peer, number>,
}))
process.stdout.write(JSON.stringify({ rounds: ROUNDS, rows, emptyMs: median(emptySamples), beforeCommit: before.commit }) + '\n')
