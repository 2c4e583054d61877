/**
 * Bundle size and cold start of the user-email functions on Azure: purista's Function App against a
 * hand-written v4 app with the same schemas and logic (bench/azure/handwritten). Both are loaded the
 * way the tests load them, through the real @azure/functions with the worker's @azure/functions-core
 * stood in for (targets/azure/local/function-app-host.mjs). Cold start is from forking the worker
 * process to its first answer: the app's modules loaded (the worker loads every function of an app)
 * and one function invoked, its state on Azurite and its events to the local Service Bus.
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { TableClient } from '@azure/data-tables'
import { build } from '../../cli/build.ts'
import { startAzuriteTables } from '../../targets/azure/local/azurite.ts'
import { FunctionAppProcess } from '../../targets/azure/local/function-app-process.ts'
import { httpAnswer, httpInvocation, serviceBusInvocation } from '../../targets/azure/local/invocations.ts'
import { startLocalServiceBus } from '../../targets/azure/local/service-bus-namespace.ts'
import { median, REPO } from '../lib.ts'
import { buildHandwrittenApp, FUNCTIONS, loadedFiles } from './apps.ts'

// Single cold starts swing by a quarter on this shared machine: nine interleaved rounds per pair.
const ROUNDS = 9
const work = join(REPO, 'bench/.work/azure-cold')
const PEERS = ['purista', 'handwritten', 'puristaZod'] as const
type Peer = (typeof PEERS)[number]

// purista as it builds by default (compiled validators), and validating with zod-lite as the hand-written app does.
for (const [config, outDir] of [['purista.config.ts', 'purista'], ['bench/azure/zod-validators.config.ts', 'purista-zod']]) {
  const report = await build({ configPath: join(REPO, config), target: 'azure', outDir: join(work, outDir) })
  if (!report.ok) throw new Error(JSON.stringify(report.diagnostics))
}
const handwrittenDir = join(work, 'handwritten')
await buildHandwrittenApp(handwrittenDir)
const appDirs: Record<Peer, string> = { purista: join(work, 'purista/azure/user-email'), handwritten: handwrittenDir, puristaZod: join(work, 'purista-zod/azure/user-email') }

const sizeOf = (files: Set<string>) => [...files].reduce((sum, file) => sum + statSync(file).size, 0)

const tables = await startAzuriteTables()
const state = TableClient.fromConnectionString(tables.connectionString, 'state', { allowInsecureConnection: true })
await state.createTable()
const user = { userId: 'u1', email: 'ada@example.com', name: 'Ada' }
await state.upsertEntity({ partitionKey: 'User:1', rowKey: encodeURIComponent('user:u1'), value: JSON.stringify(user) }, 'Replace')
const bus = await startLocalServiceBus({ topics: [{ name: 'user-email', maxMessageBytes: 256 * 1024 }], receive: () => {} })
const env = { PATH: process.env.PATH ?? '', PURISTA_SERVICEBUS: bus.connectionString, PURISTA_TABLES: tables.connectionString, PURISTA_STATE_TABLE: 'state', LOG_LEVEL: 'warn' }

const headers = { 'content-type': 'application/json', 'x-trace-id': 'bench' }
let registrations = 0
const event = { id: 'm', messageType: 'commandSuccessResponse', eventName: 'userRegistered', traceId: 'bench', correlationId: 'c', timestamp: 0, contentType: 'application/json', contentEncoding: 'utf-8', sender: { serviceName: 'User', serviceVersion: '1', serviceTarget: 'registerNewUser' }, payload: { userId: 'u1' } }
const invocationFor: Record<string, (app: FunctionAppProcess) => Promise<void>> = {
  'User-v1-getUser': (app) => http(app, 'User-v1-getUser', 'GET', 'http://localhost/api/v1/users/u1', { userId: 'u1' }, ''),
  'User-v1-registerNewUser': (app) => http(app, 'User-v1-registerNewUser', 'POST', 'http://localhost/api/v1/users', {}, JSON.stringify({ email: `bench-${registrations++}@example.com`, name: 'Bench' })),
  'Email-v1-listSentMails': (app) => http(app, 'Email-v1-listSentMails', 'GET', 'http://localhost/api/v1/mails?to=ada%40example.com', {}, ''),
  'Email-v1-sendWelcomeMail': async (app) => void (await app.invoke(serviceBusInvocation(functionOf(app, 'Email-v1-sendWelcomeMail'), { body: event, messageId: 'm', applicationProperties: { eventName: 'userRegistered' }, deliveryCount: 1 }))),
}
const functionOf = (app: FunctionAppProcess, name: string) => app.functions.find((f) => f.name === name) ?? fail(`${app.name} registered no ${name}`)
async function http(app: FunctionAppProcess, name: string, method: string, url: string, params: Record<string, string>, body: string) {
  const answer = httpAnswer(await app.invoke(httpInvocation(functionOf(app, name), { method, url, headers, params, body: Buffer.from(body) })))
  if (answer.status >= 400) fail(`${app.name} ${name} answered ${answer.status}: ${answer.body}`)
}
function fail(message: string): never {
  throw new Error(message)
}

const samples: Record<string, Record<Peer, number[]>> = Object.fromEntries(FUNCTIONS.map((fn) => [fn, { purista: [], handwritten: [], puristaZod: [] }]))
for (let round = 0; round < ROUNDS; round++) {
  for (const fn of FUNCTIONS) {
    for (const peer of PEERS) {
      const app = new FunctionAppProcess(peer, appDirs[peer], env)
      const started = performance.now()
      await app.start()
      await invocationFor[fn]!(app)
      samples[fn]![peer].push(performance.now() - started)
      await app.stop()
    }
  }
}
await bus.close()
await tables.close()

const moduleOf = (peer: Peer, fn: string) => join(appDirs[peer], 'functions', `${fn}.mjs`)
const rows = FUNCTIONS.map((fn) => ({
  fn,
  bytes: Object.fromEntries(PEERS.map((peer) => [peer, sizeOf(loadedFiles(moduleOf(peer, fn)))])) as Record<Peer, number>,
  coldStartMs: Object.fromEntries(PEERS.map((peer) => [peer, median(samples[fn]![peer])])) as Record<Peer, number>,
}))
// What the worker loads for the whole app: every function's files, each once; and what it would load lazily.
const appFiles = (peer: Peer, options: { lazy: boolean }) => FUNCTIONS.reduce((seen, fn) => loadedFiles(moduleOf(peer, fn), seen, options), new Set<string>())
const appBytes = Object.fromEntries(PEERS.map((peer) => [peer, sizeOf(appFiles(peer, { lazy: false }))])) as Record<Peer, number>
const lazyBytes = Object.fromEntries(PEERS.map((peer) => [peer, sizeOf(appFiles(peer, { lazy: true })) - appBytes[peer]])) as Record<Peer, number>
process.stdout.write(JSON.stringify({ rounds: ROUNDS, rows, appBytes, lazyBytes }) + '\n')
