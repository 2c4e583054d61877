/**
 * `npm run bench`: every benchmark side by side with its peers in one run, written to bench/RESULTS.md.
 * Peers run in their own processes and are interleaved round by round, so drift on a shared
 * machine hits all of them alike; results are medians and ratios.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fmt, machine, median, REPO, runNode } from './lib.ts'
import { load, type LoadResult } from './http/load.ts'
import { httpPeers, type Server } from './http/servers.ts'
import { brokerSuite } from './broker/suite.ts'
import { instructionSuite } from './broker/instructions.ts'
import { cliSuite } from './cli/suite.ts'
import { installSuite } from './install/suite.ts'
import { devSuite } from './dev/suite.ts'
import { tracingSuite } from './tracing/suite.ts'

const log = (line: string) => process.stderr.write(line + '\n')
const version = (pkg: string) => JSON.parse(readFileSync(join(REPO, 'bench/node_modules', pkg, 'package.json'), 'utf8')).version as string
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

async function invokeSuite() {
  const peers = {
    purista: 'bench/invoke/purista.ts',
    'moleculer (local call + validator)': 'bench/invoke/moleculer.ts',
    '@purista/core 1.11': 'bench/invoke/purista-1.11.ts',
  }
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(peers).map((p) => [p, []]))
  for (let round = 1; round <= 3; round++) {
    for (const [name, file] of Object.entries(peers)) {
      log(`invoke round ${round}: ${name}`)
      const { callsPerSec } = await runNode<{ callsPerSec: number[] }>(file, [], { LOG_LEVEL: 'error' })
      samples[name]!.push(...callsPerSec)
    }
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]))
  const ours = medians.purista!
  return [
    '## In-process command invocation',
    '',
    'One command (payload `{ a, b }` and output `{ sum }` validated), called sequentially: each call is awaited before the next. Each peer runs in its own process, 3 processes × 3 rounds of 1 s after a warm-up.',
    'Moleculer validates the params only (fastest-validator); purista and PURISTA validate payload and output with zod.',
    '',
    '| runtime | calls/s (median) | purista ÷ peer |',
    '|---|---:|---:|',
    ...Object.entries(medians).map(([name, value]) => `| ${name} | ${fmt(value)} | ${name === 'purista' ? '—' : ratio(ours, value)} |`),
    '',
    `Target ≥ 1,000,000 calls/s: **${ours >= 1_000_000 ? 'met' : 'not met'}** (${fmt(ours)}).`,
  ].join('\n')
}

async function analyzerSuite() {
  log('analyzer: generating and analyzing apps of 10, 100, 1,000 commands')
  const { sizes } = await runNode<{ sizes: { commands: number; files: number; ms: number[] }[] }>('bench/analyzer/analyze.ts')
  const rows = sizes.map((s, i) => {
    const ms = median(s.ms)
    const growth = i === 0 ? '—' : `${(ms / median(sizes[i - 1]!.ms)).toFixed(1)}× for ${s.commands / sizes[i - 1]!.commands}× the commands`
    return { ...s, median: ms, growth }
  })
  const largest = rows.at(-1)!
  return [
    '## Analyzer',
    '',
    'Generated apps laid out the PURISTA way (builder, one file per command, definitions collected per service, names in `as const` objects, cross-service canInvoke). Config load + analyze, median of 7 runs in one process.',
    '',
    '| commands | files | ms (median) | growth |',
    '|---:|---:|---:|---|',
    ...rows.map((r) => `| ${fmt(r.commands)} | ${fmt(r.files)} | ${r.median.toFixed(1)} | ${r.growth} |`),
    '',
    `Target: 1,000 commands in ≤ 1 s: **${largest.median <= 1000 ? 'met' : 'not met'}** (${largest.median.toFixed(0)} ms). Time grows linearly with the number of files.`,
  ].join('\n')
}

async function httpSuite() {
  log('http: building the bench app for the monolith target')
  execFileSync(process.execPath, ['cli/bin.mjs', 'build', '--target', 'monolith', '--config', 'bench/http/app/purista.config.ts'], { cwd: REPO, stdio: 'ignore' })
  const servers: Server[] = []
  for (const start of Object.values(httpPeers)) servers.push(await start())
  const results: Record<string, LoadResult[]> = Object.fromEntries(servers.map((s) => [s.name, []]))
  try {
    for (const server of servers) await load(server.port, 2) // warm-up
    for (let round = 1; round <= 5; round++) {
      for (const server of servers) {
        log(`http round ${round}: ${server.name}`)
        const result = await load(server.port, 4)
        if (result.non2xx) throw new Error(`${server.name} answered ${result.non2xx} requests with an error`)
        results[server.name]!.push(result)
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
  const summary = Object.entries(results).map(([name, runs]) => ({
    name,
    rps: median(runs.map((r) => r.requestsPerSec)),
    p50: median(runs.map((r) => r.latencyP50Ms)),
    p99: median(runs.map((r) => r.latencyP99Ms)),
  }))
  const limit = summary.find((s) => s.name === 'node:http + zod')!.rps
  const ours = summary.find((s) => s.name === 'purista monolith')!
  const fastify = summary.find((s) => s.name === 'fastify 5 + zod')!
  return [
    '## Monolith HTTP',
    '',
    'A validated POST (JSON body checked with zod, answer built and its schema checked, JSON out), served by: the purista monolith bundle; a hand-written node:http + zod handler doing the same work (the practical limit); Fastify 5 + zod. Load: wrk, 1 thread, 64 connections, from its own process; 5 interleaved rounds of 4 s after a 2 s warm-up; medians.',
    '',
    '| server | requests/s | ÷ hand-written | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|',
    ...summary.map((s) => `| ${s.name} | ${fmt(s.rps)} | ${ratio(s.rps, limit)} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} |`),
    '',
    `Targets: ≥ 0.9× the hand-written handler: **${ours.rps >= 0.9 * limit ? 'met' : 'not met'}** (${ratio(ours.rps, limit)}); ahead of Fastify: **${ours.rps > fastify.rps ? 'met' : 'not met'}** (${ratio(ours.rps, fastify.rps)}).`,
  ].join('\n')
}

async function lambdaSuite() {
  log('lambda: build time of 100 commands + 20 subscriptions, purista against one esbuild process per function')
  const built = await runNode<{ functions: number; fullMs: number; rebuildMs: number; perFunctionMs: number }>('bench/lambda/build-time.ts')
  log('lambda: bundle size and cold start under aws-lambda-ric on Node 22, purista against hand-written handlers')
  type Bytes = Record<'purista' | 'handwritten' | 'puristaZod', number>
  type Peers = Record<'purista' | 'handwritten' | 'puristaRuntimeSdk' | 'puristaZod' | 'puristaBefore', number>
  const cold = await runNode<{ rounds: number; rows: { fn: string; bytes: Bytes; sdkBytes: Bytes; lazyBytes: number; coldStartMs: Peers }[]; emptyMs: number; beforeCommit: string }>('bench/lambda/cold-start.ts')
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  const own = (r: (typeof cold.rows)[number], peer: keyof Bytes) => r.bytes[peer] - r.sdkBytes[peer]
  const added = cold.rows.map((r) => own(r, 'puristaZod') - own(r, 'handwritten'))
  const slower = cold.rows.map((r) => r.coldStartMs.puristaZod / r.coldStartMs.handwritten - 1)
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`
  const largestOwn = Math.max(...cold.rows.map((r) => own(r, 'purista')))
  const slowest = Math.max(...cold.rows.map((r) => r.coldStartMs.purista))
  const bundling = cold.rows.map((r) => r.coldStartMs.purista / r.coldStartMs.puristaRuntimeSdk)
  const sinceIssue = cold.rows.map((r) => r.coldStartMs.purista / r.coldStartMs.puristaBefore)
  const before = cold.beforeCommit.slice(0, 7)
  return [
    '## Lambda target: build time',
    '',
    `A generated app of ${built.functions} functions (100 commands, 20 subscriptions, zod schemas). purista: \`build --target lambda\` in process (config, analysis, one esbuild pass with shared chunks, CDK files), median of 3. Peer: the same entries bundled by one esbuild process per function, as CDK's NodejsFunction does at synth (bundling only), run once. Both bundle the AWS SDK clients the functions use (purista's default, NodejsFunction's bundleAwsSDK).`,
    '',
    '| build | ms | per-function esbuild ÷ purista |',
    '|---|---:|---:|',
    `| purista, full build | ${built.fullMs.toFixed(0)} | ${ratio(built.perFunctionMs, built.fullMs)} |`,
    `| purista, rebuild after changing one command | ${built.rebuildMs.toFixed(0)} | ${ratio(built.perFunctionMs, built.rebuildMs)} |`,
    `| one esbuild process per function | ${built.perFunctionMs.toFixed(0)} | — |`,
    '',
    `Target ≥ 10× faster: **${built.perFunctionMs / built.fullMs >= 10 ? 'met' : 'not met'}** (${ratio(built.perFunctionMs, built.fullMs)}).`,
    '',
    '## Lambda target: bundle size and cold start',
    '',
    `The user-email functions, built four ways, against hand-written handlers with the same zod schemas and logic (bench/lambda/handwritten), which validate with zod-lite (zod's API over its own core: README, lambda target). **purista** is the default build: inline schemas are compiled validators (zod's own fast path, printed at build time; zod loads only for the issues of an invalid input), zod-lite where code still uses zod, the AWS SDK clients bundled from their ESM builds. **zod-validating** is the same with \`compiledValidators: false\`: it validates as the hand-written handlers do, so it measures what the runtime adds. **SDK from the runtime** is \`bundleAwsSdk: false\` (here the whole clients from node_modules). **Before issue 17** is commit ${before}, the code when the issue was filed, built by its own CLI (bench/old-tree.ts). Bytes: the JavaScript a cold start loads (purista: entry + the chunks it imports, without a compiled validator's zod fallback, listed apart), and of it the AWS SDK's (by the source maps: every package but zod). Cold start: the real aws-lambda-ric on Node 22, from spawning the runtime to the first answer (init + first invocation, a valid input, against a local DynamoDB / AWS endpoint); median of ${cold.rounds} interleaved runs, in which an empty handler (bench/lambda/handwritten/empty.ts: loads nothing, answers a constant) also starts.`,
    '',
    '| function | purista bytes | of it AWS SDK | own code | loaded only for an invalid input | zod-validating own code | hand-written bytes | of it AWS SDK | runtime adds (zod-validating − hand-written) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...cold.rows.map((r, i) => `| ${r.fn} | ${fmt(r.bytes.purista)} | ${fmt(r.sdkBytes.purista)} | ${kb(own(r, 'purista'))} | ${kb(r.lazyBytes)} | ${kb(own(r, 'puristaZod'))} | ${fmt(r.bytes.handwritten)} | ${fmt(r.sdkBytes.handwritten)} | ${kb(added[i]!)} |`),
    '',
    '| function | purista ms | ÷ empty handler | zod-validating ms | hand-written ms | zod-validating − hand-written | SDK from the runtime ms | purista ÷ it | before issue 17 ms | purista ÷ it |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...cold.rows.map((r, i) => `| ${r.fn} | ${r.coldStartMs.purista.toFixed(0)} | ${ratio(r.coldStartMs.purista, cold.emptyMs)} | ${r.coldStartMs.puristaZod.toFixed(0)} | ${r.coldStartMs.handwritten.toFixed(0)} | ${pct(slower[i]!)} | ${r.coldStartMs.puristaRuntimeSdk.toFixed(0)} | ${ratio(r.coldStartMs.purista, r.coldStartMs.puristaRuntimeSdk)} | ${r.coldStartMs.puristaBefore.toFixed(0)} | ${ratio(r.coldStartMs.purista, r.coldStartMs.puristaBefore)} |`),
    '',
    `The empty handler cold-starts in ${cold.emptyMs.toFixed(0)} ms.`,
    '',
    `Targets: a function's own code (without the SDK) ≤ 60 KB: **${largestOwn <= 60 * 1024 ? 'met' : 'not met'}** (at most ${kb(largestOwn)}); cold start ≤ 1.3× the empty handler: **${slowest <= 1.3 * cold.emptyMs ? 'met' : 'not met'}** (at most ${ratio(slowest, cold.emptyMs)}; the hand-written handlers, which load the same SDK clients, at least ${ratio(Math.min(...cold.rows.map((r) => r.coldStartMs.handwritten)), cold.emptyMs)}); ≤ 0.6× the function before issue 17: **${Math.max(...sinceIssue) <= 0.6 ? 'met' : 'not met'}** (${ratio(Math.min(...sinceIssue), 1)} to ${ratio(Math.max(...sinceIssue), 1)}; against the same code with the SDK from the runtime ${ratio(Math.min(...bundling), 1)} to ${ratio(Math.max(...bundling), 1)}); runtime adds ≤ 15 KB: **${Math.max(...added) <= 15 * 1024 ? 'met' : 'not met'}** (at most ${kb(Math.max(...added))}); cold start ≤ +10% over the hand-written handler, validating alike: **${Math.max(...slower) <= 0.1 ? 'met' : 'not met'}** (at most ${pct(Math.max(...slower))}, median over functions ${pct(median(slower))}).`,
  ].join('\n')
}

async function azureSuite() {
  log('azure: bundle size and cold start through @azure/functions, purista against a hand-written v4 app')
  type Peers = Record<'purista' | 'handwritten' | 'puristaZod', number>
  const cold = await runNode<{ rounds: number; rows: { fn: string; bytes: Peers; coldStartMs: Peers }[]; appBytes: Peers; lazyBytes: Peers }>('bench/azure/cold-start.ts')
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`
  const added = cold.rows.map((r) => r.bytes.puristaZod - r.bytes.handwritten)
  const slower = cold.rows.map((r) => r.coldStartMs.puristaZod / r.coldStartMs.handwritten - 1)
  return [
    '## Azure target: bundle size and cold start',
    '',
    `The user-email Function App against a hand-written v4 app with the same zod schemas and logic (bench/azure/handwritten: app.http / app.serviceBusTopic, @azure/data-tables, @azure/service-bus), which validates with zod-lite; all one esbuild pass with shared chunks, minified ESM for node22 with source maps, every package bundled (Azure provides none). **purista** is the default build (compiled validators: zod's own fast path printed at build time, zod loaded only for the issues of an invalid input); **zod-validating** is the same with \`compiledValidators: false\`, validating as the hand-written app does, so it measures what the runtime adds. Bytes: the JavaScript a function's module loads (entry + the chunks it imports). Cold start: a worker process loading the app through the real @azure/functions with the worker's @azure/functions-core stood in for (as the tests load it), from the fork to the first answer of that function, a valid input (the worker loads all of an app's functions; state on Azurite, events to the local Service Bus); median of ${cold.rounds} interleaved runs.`,
    '',
    '| function | purista bytes | zod-validating bytes | hand-written bytes | runtime adds (zod-validating − hand-written) | purista cold start ms | zod-validating ms | hand-written ms | zod-validating − hand-written |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...cold.rows.map((r, i) => `| ${r.fn} | ${fmt(r.bytes.purista)} | ${fmt(r.bytes.puristaZod)} | ${fmt(r.bytes.handwritten)} | ${kb(added[i]!)} | ${r.coldStartMs.purista.toFixed(0)} | ${r.coldStartMs.puristaZod.toFixed(0)} | ${r.coldStartMs.handwritten.toFixed(0)} | ${pct(slower[i]!)} |`),
    '',
    `The whole app loads ${fmt(cold.appBytes.purista)} bytes (purista), ${fmt(cold.appBytes.puristaZod)} (zod-validating) and ${fmt(cold.appBytes.handwritten)} (hand-written). purista's functions also carry what they import only when needed (${kb(cold.lazyBytes.purista)}; zod-validating ${kb(cold.lazyBytes.puristaZod)}): @azure/identity, for an app that connects with its managed identity, as the generated infrastructure has it (the hand-written app uses connection strings only), and with compiled validators zod, for the issues of an invalid input.`,
    '',
    `Targets: runtime adds ≤ 15 KB: **${Math.max(...added) <= 15 * 1024 ? 'met' : 'not met'}** (at most ${kb(Math.max(...added))}); cold start ≤ +10%, validating alike: **${Math.max(...slower) <= 0.1 ? 'met' : 'not met'}** (at most ${pct(Math.max(...slower))}, median over functions ${pct(median(slower))}); the default build against the hand-written app: ${pct(Math.min(...cold.rows.map((r) => r.coldStartMs.purista / r.coldStartMs.handwritten - 1)))} to ${pct(Math.max(...cold.rows.map((r) => r.coldStartMs.purista / r.coldStartMs.handwritten - 1)))}.`,
  ].join('\n')
}

const SUITES: Record<string, () => Promise<string>> = { invoke: invokeSuite, analyzer: analyzerSuite, http: httpSuite, broker: () => brokerSuite(log), instructions: () => instructionSuite(log), lambda: lambdaSuite, azure: azureSuite, install: () => installSuite(log), cli: () => cliSuite(log), dev: () => devSuite(log), tracing: () => tracingSuite(log) }
// `npm run bench -- lambda` runs the named suites only and replaces just their sections of RESULTS.md.
const chosen = process.argv.slice(2)
for (const name of chosen) if (!SUITES[name]) throw new Error(`unknown suite "${name}"; suites: ${Object.keys(SUITES).join(', ')}`)
const sections: string[] = []
for (const [name, run] of Object.entries(SUITES)) if (!chosen.length || chosen.includes(name)) sections.push(await run())
/** The versions line names wrk, which only the full run (with the HTTP suite) needs. */
function header(): string {
  // wrk prints its version with its usage and exits 1.
  const wrk = spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]!.split(' Copyright')[0]
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine()}.`,
    `Versions: purista ${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}, zod ${version('zod')}, moleculer ${version('moleculer')}, @purista/core ${version('@purista/core')}, fastify ${version('fastify')}, nats.js ${version('nats')}, amqplib ${version('amqplib')}, ${wrk}.`,
    '',
  ].join('\n')
}
const report = chosen.length ? spliceSections(readFileSync(join(REPO, 'bench/RESULTS.md'), 'utf8'), sections) : [header(), ...sections.flatMap((s) => [s, ''])].join('\n')
writeFileSync(join(REPO, 'bench/RESULTS.md'), report)
process.stdout.write(report)

/** Replaces the sections (## headings) that were re-run, keeps the others, appends new ones. */
function spliceSections(previous: string, fresh: string[]): string {
  const split = (text: string) => text.split(/^(?=## )/m)
  const [head, ...old] = split(previous)
  const byHeading = new Map(old.map((section) => [section.split('\n')[0], section]))
  for (const section of fresh.flatMap(split)) byHeading.set(section.split('\n')[0], section.trimEnd() + '\n\n')
  return head + [...byHeading.values()].join('')
}
