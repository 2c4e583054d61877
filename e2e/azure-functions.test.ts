import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TableClient } from '@azure/data-tables'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startAzuriteTables, type LocalTables } from '../targets/azure/local/azurite.ts'
import { FunctionAppProcess, triggerOf, type FunctionMetadata } from '../targets/azure/local/function-app-process.ts'
import { httpAnswer, httpInvocation } from '../targets/azure/local/invocations.ts'
import { REPO, runCli, startBundle, type RunningProcess } from './helpers.ts'

/**
 * The built Function Apps, loaded through the real @azure/functions v4 library with the worker's
 * @azure/functions-core replaced by a stand-in (targets/azure/local/worker-modules): what the apps
 * register is exactly the metadata the Functions host would receive, and the HTTP functions are
 * invoked through the library's own invocation model, as the worker invokes them.
 */

const SERVICE_BUS = 'Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=local;SharedAccessKey=local;UseDevelopmentEmulator=true'
let azurite: LocalTables
const outDir = mkdtempSync(join(tmpdir(), 'purista-azure-functions-'))

beforeAll(async () => {
  azurite = await startAzuriteTables()
  await TableClient.fromConnectionString(azurite.connectionString, 'state', { allowInsecureConnection: true }).createTable()
}, 30_000)
afterAll(async () => {
  await azurite?.close()
  rmSync(outDir, { recursive: true, force: true })
})

async function builtApp(configPath: string, name: string, app: string, env: Record<string, string> = {}) {
  const out = join(outDir, name)
  const build = await runCli(['build', '--target', 'azure', '--config', configPath, '--out-dir', out])
  expect(build.stderr).toContain('built azure')
  const host = new FunctionAppProcess(app, join(out, 'azure', app), { PATH: process.env.PATH ?? '', LOG_LEVEL: 'fatal', PURISTA_SERVICEBUS: SERVICE_BUS, PURISTA_TABLES: azurite.connectionString, PURISTA_STATE_TABLE: 'state', ...env })
  await host.start()
  return host
}

/** What a test asserts of a function's registration: its trigger, flattened. */
function registration(fn: FunctionMetadata) {
  const trigger = triggerOf(fn)
  return trigger.type === 'httpTrigger'
    ? { name: fn.name, type: trigger.type, route: trigger.route, methods: trigger.methods, authLevel: trigger.authLevel, output: fn.bindings.$return?.type }
    : { name: fn.name, type: trigger.type, topicName: trigger.topicName, subscriptionName: trigger.subscriptionName, connection: trigger.connection, cardinality: trigger.cardinality }
}

describe('user-email as one Function App', () => {
  let app: FunctionAppProcess
  let monolith: RunningProcess
  beforeAll(async () => {
    app = await builtApp(join(REPO, 'purista.config.ts'), 'user-email', 'user-email')
    const build = await runCli(['build', '--target', 'monolith', '--out-dir', join(outDir, 'monolith')])
    expect(build.code).toBe(0)
    monolith = await startBundle(join(outDir, 'monolith', 'monolith', 'index.mjs'))
  }, 60_000)
  afterAll(async () => {
    await app?.stop()
    await monolith?.stop()
  })

  test('registers one app.http function per command, one app.serviceBusTopic function per subscription, and the app routes', () => {
    expect(app.functions.map(registration)).toEqual([
      { name: 'Email-v1-listSentMails', type: 'httpTrigger', route: 'api/v1/mails', methods: ['GET'], authLevel: 'anonymous', output: 'http' },
      { name: 'Email-v1-sendWelcomeMail', type: 'serviceBusTrigger', topicName: 'user-email', subscriptionName: 'Email-v1-sendWelcomeMail', connection: 'PURISTA_SERVICEBUS', cardinality: 'one' },
      { name: 'User-v1-getUser', type: 'httpTrigger', route: 'api/v1/users/{userId}', methods: ['GET'], authLevel: 'anonymous', output: 'http' },
      { name: 'User-v1-registerNewUser', type: 'httpTrigger', route: 'api/v1/users', methods: ['POST'], authLevel: 'anonymous', output: 'http' },
      { name: 'purista-openapi', type: 'httpTrigger', route: 'api/openapi.json', methods: ['GET'], authLevel: 'anonymous', output: 'http' },
      { name: 'purista-healthz', type: 'httpTrigger', route: 'healthz', methods: ['GET'], authLevel: 'anonymous', output: 'http' },
    ])
  })

  test('/api/openapi.json is the document the monolith serves; /healthz answers ok', async () => {
    const answerOf = async (name: string, path: string) => httpAnswer(await app.invoke(httpInvocation(app.functions.find((fn) => fn.name === name)!, { method: 'GET', url: `http://localhost${path}`, headers: {}, params: {}, body: Buffer.alloc(0) })))
    const document = await answerOf('purista-openapi', '/api/openapi.json')
    expect(document.status).toBe(200)
    expect(document.headers['content-type']).toBe('application/json')
    expect(JSON.parse(document.body.toString())).toEqual(await (await fetch(`http://127.0.0.1:${monolith.port}/api/openapi.json`)).json())
    const health = await answerOf('purista-healthz', '/healthz')
    expect({ status: health.status, body: health.body.toString() }).toEqual({ status: 200, body: '{"status":"ok"}' })
  })

  test.each([
    ['an unknown user (404 problem)', 'GET', '/api/v1/users/does-not-exist', { userId: 'does-not-exist' }, ''],
    ['an invalid payload (400 with issues)', 'POST', '/api/v1/users', {}, JSON.stringify({ email: 'not-an-email', name: 'X' })],
    ['a body that is not JSON (400)', 'POST', '/api/v1/users', {}, '{"email":'],
    ['no mails yet (200 JSON)', 'GET', '/api/v1/mails?to=nobody%40example.com&other=1', {}, ''],
  ])('%s: the same status, headers and body as the monolith', async (_, method, path, params, body) => {
    const headers = { 'content-type': 'application/json', 'x-trace-id': `trace-${method}-${path.length}` }
    const fromMonolith = await fetch(`http://127.0.0.1:${monolith.port}${path}`, { method, headers, ...(body && { body }) })
    const routed = app.functions.find((fn) => fn.name === (path.startsWith('/api/v1/mails') ? 'Email-v1-listSentMails' : method === 'GET' ? 'User-v1-getUser' : 'User-v1-registerNewUser'))!
    const answer = httpAnswer(await app.invoke(httpInvocation(routed, { method, url: `http://localhost${path}`, headers, params, body: Buffer.from(body) })))
    expect(answer.status).toBe(fromMonolith.status)
    expect(answer.headers).toEqual({ 'content-type': fromMonolith.headers.get('content-type'), 'x-trace-id': fromMonolith.headers.get('x-trace-id') })
    expect(answer.body.toString()).toBe(await fromMonolith.text())
  })

  test('a registration whose event cannot reach Service Bus fails with a 503 problem, not a silent success', async () => {
    const register = app.functions.find((fn) => fn.name === 'User-v1-registerNewUser')!
    const answer = httpAnswer(await app.invoke(httpInvocation(register, { method: 'POST', url: 'http://localhost/api/v1/users', headers: { 'content-type': 'application/json' }, params: {}, body: Buffer.from(JSON.stringify({ email: 'ada@example.com', name: 'Ada' })) })))
    expect(answer.status).toBe(503)
  }, 60_000)
})

describe('shop split into Function Apps (targets.azure.apps)', () => {
  test('every function registers where its service runs; internal commands only with a function key; cross-app targets get an invoke route', async () => {
    // The fixture's config, with the split given on the command line's copy of it.
    const { writeFileSync, readFileSync } = await import('node:fs')
    const config = join(REPO, 'fixtures/shop/purista.azure-split.config.ts')
    writeFileSync(config, readFileSync(join(REPO, 'fixtures/shop/purista.config.ts'), 'utf8').replace('commandTimeoutMs: 5_000,', "commandTimeoutMs: 5_000,\n  targets: { azure: { apps: { orders: ['Order', 'Inventory'] } } },"))
    try {
      const orders = await builtApp(config, 'shop', 'orders', { PURISTA_APP_SHOP_URL: 'http://127.0.0.1:1', PURISTA_APP_SHOP_KEY: 'k' })
      const rest = new FunctionAppProcess('shop', join(outDir, 'shop', 'azure', 'shop'), { PATH: process.env.PATH ?? '', LOG_LEVEL: 'fatal', PURISTA_SERVICEBUS: SERVICE_BUS, PURISTA_TABLES: azurite.connectionString, PURISTA_STATE_TABLE: 'state', PURISTA_APP_ORDERS_URL: 'http://127.0.0.1:1', PURISTA_APP_ORDERS_KEY: 'k' })
      await rest.start()
      try {
        const all = [...orders.functions, ...rest.functions].map(registration)
        for (const fn of all) {
          if (fn.type === 'serviceBusTrigger') expect(fn).toMatchObject({ topicName: 'shop', connection: 'PURISTA_SERVICEBUS', subscriptionName: fn.name })
          else if (String(fn.route).startsWith('purista/invoke/')) expect(fn).toMatchObject({ methods: ['POST'], authLevel: 'function' })
          else if (fn.name.startsWith('purista-')) expect(fn).toMatchObject({ route: expect.stringMatching(/^(api\/openapi\.json|healthz)$/), methods: ['GET'], authLevel: 'anonymous' })
          else expect(fn).toMatchObject({ route: expect.stringMatching(/^api\/v1\//), authLevel: 'anonymous' })
        }
        // Inventory's reserveStock has no route: Order, in the same app, calls it in process, yet it is a function of its own.
        expect(orders.functions.map(registration)).toContainEqual({ name: 'Inventory-v1-reserveStock', type: 'httpTrigger', route: 'purista/invoke/Inventory/v1/reserveStock', methods: ['POST'], authLevel: 'function', output: 'http' })
        // Order's getOrder is exposed and also invoked from the other app (recordConfirmation → Order).
        expect(orders.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['Order-v1-placeOrder']))
        expect(new Set(orders.functions.map((f) => f.name.split('-')[0]))).toEqual(new Set(['Inventory', 'Order']))
        expect(rest.functions.some((f) => /^(Inventory|Order)-/.test(f.name))).toBe(false)
        // The app named after the purista app serves /api/openapi.json and /healthz, once.
        expect(rest.functions.filter((f) => f.name.startsWith('purista-')).map((f) => f.name)).toEqual(['purista-openapi', 'purista-healthz'])
      } finally {
        await Promise.all([orders.stop(), rest.stop()])
      }
    } finally {
      rmSync(config, { force: true })
    }
  }, 90_000)
})
