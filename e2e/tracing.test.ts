import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLI, REPO, runCli, startBundle, startNode, type RunningProcess } from './helpers.ts'
import { SPAN_KIND, startOtlpReceiver, type ReceivedSpan } from './otlp-receiver.ts'

/**
 * The user-email app and the shop built with `telemetry: { tracing: true }` on each target, their
 * spans exported over OTLP/HTTP JSON to a receiver in the test: one request must be one trace, its
 * spans connected parent → child across the processes that served it.
 */

const TRACED_CONFIG = join(REPO, 'fixtures/user-email/purista.traced.config.ts')
const TRACED_SHOP_CONFIG = join(REPO, 'fixtures/shop/purista.traced.config.ts')
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>
const exportTo = () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '50' })

beforeAll(async () => {
  receiver = await startOtlpReceiver()
})
afterAll(() => receiver?.close())

const scratch = () => mkdtempSync(join(tmpdir(), 'purista-tracing-'))
const randomHex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('')

async function register(base: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email: `${randomHex(4)}@example.com`, name: 'Ada' }) })
  expect(response.status).toBe(200)
  return response.headers.get('x-trace-id')!
}

function find(spans: ReceivedSpan[], name: string, kind: number): ReceivedSpan {
  const found = spans.find((s) => s.name === name && s.kind === kind)
  if (!found) throw new Error(`no span ${name} (kind ${kind}) among ${JSON.stringify(spans.map((s) => `${s.service}: ${s.name} (${s.kind})`))}`)
  return found
}

/** Whether ancestor is span's parent, or its parent's, and so on. */
function descendsFrom(spans: ReceivedSpan[], span: ReceivedSpan, ancestor: ReceivedSpan): boolean {
  for (let at: ReceivedSpan | undefined = span; at; at = spans.find((s) => s.spanId === at!.parentSpanId)) if (at.parentSpanId === ancestor.spanId) return true
  return false
}

/** The trace of one registration, checked for what every target shares. */
async function expectOneConnectedTrace(base: string, messagingSystem: string | undefined) {
  const traceId = await register(base)
  const spans = await receiver.trace(traceId, ['POST /api/v1/users', 'User/registerNewUser', 'publish userRegistered', 'Email/sendWelcomeMail'])
  const http = find(spans, 'POST /api/v1/users', SPAN_KIND.server)
  const command = find(spans, 'User/registerNewUser', SPAN_KIND.server)
  const producer = find(spans, 'publish userRegistered', SPAN_KIND.producer)
  const consumer = find(spans, 'Email/sendWelcomeMail', SPAN_KIND.consumer)
  expect(http.parentSpanId).toBeUndefined()
  expect(descendsFrom(spans, command, http)).toBe(true)
  expect(producer.parentSpanId).toBe(command.spanId)
  expect(consumer.parentSpanId).toBe(producer.spanId)
  expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/api/v1/users', 'http.response.status_code': 200 })
  expect(command.attributes).toMatchObject({ 'rpc.system': 'purista', 'rpc.service': 'User', 'rpc.method': 'registerNewUser' })
  expect(producer.attributes).toMatchObject({ 'messaging.destination.name': 'userRegistered', 'messaging.operation.type': 'send', ...(messagingSystem && { 'messaging.system': messagingSystem }) })
  expect(consumer.attributes).toMatchObject({ 'messaging.destination.name': 'userRegistered', 'messaging.operation.type': 'process', ...(messagingSystem && { 'messaging.system': messagingSystem }) })
  for (const span of spans) expect(span.status.code ?? 0).toBe(0)
  return spans
}

async function expectTraceparentContinued(base: string) {
  const traceId = randomHex(16)
  const parent = randomHex(8)
  expect(await register(base, { traceparent: `00-${traceId}-${parent}-01` })).toBe(traceId)
  const http = find(await receiver.trace(traceId, ['POST /api/v1/users']), 'POST /api/v1/users', SPAN_KIND.server)
  expect(http.parentSpanId).toBe(parent)
}

/** One span per name and kind; a name the chain runs twice (getCustomer) is told apart by its parent. */
const childOf = (spans: ReceivedSpan[], parent: ReceivedSpan, name: string, kind: number) => {
  const found = spans.filter((s) => s.name === name && s.kind === kind && s.parentSpanId === parent.spanId)
  expect(found, `${name} (kind ${kind}) under ${parent.name}`).toHaveLength(1)
  return found[0]!
}

/** A command called through canInvoke: the caller's client span, the callee's server span under it. */
const invoked = (spans: ReceivedSpan[], caller: ReceivedSpan, name: string) => childOf(spans, childOf(spans, caller, name, SPAN_KIND.client), name, SPAN_KIND.server)

/**
 * The shop's order: placeOrder invokes Customer, Catalog and Inventory; orderPlaced runs
 * sendOrderConfirmation, which invokes Customer again and emits orderConfirmationSent, which runs
 * recordConfirmation, which invokes Order. Every step one span of the request's trace.
 */
async function expectOrderChainInOneTrace(base: string) {
  const send = async (method: string, path: string, body: unknown) => {
    const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect(response.status).toBe(200)
    return { body: await response.json(), traceId: response.headers.get('x-trace-id')! }
  }
  const { customerId } = (await send('POST', '/api/v1/customers', { name: 'Grace', email: `grace-${randomHex(4)}@example.com` })).body
  const { productId } = (await send('POST', '/api/v1/products', { name: 'Lamp', category: 'home', priceCents: 250 })).body
  await send('PUT', `/api/v1/stock/${productId}`, { quantity: 5 })
  const { traceId } = await send('POST', '/api/v1/orders', { customerId, items: [{ productId, quantity: 2 }] })

  const invocation = (name: string) => [name, name]
  const spans = await receiver.trace(traceId, [
    'POST /api/v1/orders',
    'Order/placeOrder',
    ...invocation('Customer/getCustomer'),
    ...invocation('Catalog/getProduct'),
    ...invocation('Inventory/reserveStock'),
    'publish orderPlaced',
    'Notification/sendOrderConfirmation',
    ...invocation('Customer/getCustomer'),
    'publish orderConfirmationSent',
    'Order/recordConfirmation',
    ...invocation('Order/markOrderConfirmed'),
  ])
  const http = find(spans, 'POST /api/v1/orders', SPAN_KIND.server)
  const placeOrder = find(spans, 'Order/placeOrder', SPAN_KIND.server)
  expect(descendsFrom(spans, placeOrder, http)).toBe(true)
  for (const callee of ['Customer/getCustomer', 'Catalog/getProduct', 'Inventory/reserveStock']) invoked(spans, placeOrder, callee)
  const confirmation = childOf(spans, childOf(spans, placeOrder, 'publish orderPlaced', SPAN_KIND.producer), 'Notification/sendOrderConfirmation', SPAN_KIND.consumer)
  invoked(spans, confirmation, 'Customer/getCustomer')
  const recorded = childOf(spans, childOf(spans, confirmation, 'publish orderConfirmationSent', SPAN_KIND.producer), 'Order/recordConfirmation', SPAN_KIND.consumer)
  invoked(spans, recorded, 'Order/markOrderConfirmed')
  for (const span of spans) expect(span.status.code ?? 0).toBe(0)
  return spans
}

describe('monolith', () => {
  let outDir: string
  let app: RunningProcess
  beforeAll(async () => {
    outDir = scratch()
    expect((await runCli(['build', '--target', 'monolith', '--config', TRACED_CONFIG, '--out-dir', outDir])).code).toBe(0)
    app = await startBundle(join(outDir, 'monolith', 'index.mjs'), exportTo())
  }, 60_000)
  afterAll(async () => {
    await app?.stop()
    rmSync(outDir, { recursive: true, force: true })
  })

  test('one request is one trace: HTTP → command client → command server → producer → consumer', async () => {
    const spans = await expectOneConnectedTrace(`http://127.0.0.1:${app.port}`, undefined)
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['user-email']))
  })
  test('an incoming traceparent is continued', () => expectTraceparentContinued(`http://127.0.0.1:${app.port}`))

  test('without an endpoint nothing is exported and nothing is logged as an error', async () => {
    const quiet = await startBundle(join(outDir, 'monolith', 'index.mjs'))
    try {
      const before = receiver.exports()
      await register(`http://127.0.0.1:${quiet.port}`)
      await quiet.waitForLog((l) => l.msg === 'welcome mail sent')
      await new Promise((r) => setTimeout(r, 300))
      expect(receiver.exports()).toBe(before)
      expect(quiet.logs.filter((l) => ['error', 'fatal', 50, 60].includes(l.level))).toEqual([])
    } finally {
      await quiet.stop()
    }
  })
})

/** Runs every container of a traced containers build, and its gateway, as processes of their own. */
function tracedContainers(config: string, broker: string) {
  const processes: RunningProcess[] = []
  let outDir: string
  let gateway: RunningProcess
  beforeAll(async () => {
    outDir = scratch()
    expect((await runCli(['build', '--target', 'containers', '--broker', broker, '--config', config, '--out-dir', outDir])).code).toBe(0)
    const root = join(outDir, 'containers')
    for (const name of readdirSync(root).filter((n) => n !== 'gateway' && existsSync(join(root, n, 'index.mjs')))) processes.push(await startBundle(join(root, name, 'index.mjs'), exportTo()))
    gateway = await startBundle(join(root, 'gateway', 'index.mjs'), exportTo())
    processes.push(gateway)
  }, 60_000)
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()))
    rmSync(outDir, { recursive: true, force: true })
  })
  return () => `http://127.0.0.1:${gateway.port}`
}

describe.each([
  { broker: 'nats', messagingSystem: 'nats' },
  { broker: 'amqp', messagingSystem: 'rabbitmq' },
  { broker: 'mqtt', messagingSystem: 'mqtt' },
])('containers over $broker, each a process', ({ broker, messagingSystem }) => {
  const base = tracedContainers(TRACED_CONFIG, broker)

  test('one request is one trace across the gateway and the service containers', async () => {
    const spans = await expectOneConnectedTrace(base(), messagingSystem)
    const services = (name: string, kind: number) => find(spans, name, kind).service
    expect(services('POST /api/v1/users', SPAN_KIND.server)).toBe('user-email-gateway')
    expect(services('User/registerNewUser', SPAN_KIND.server)).not.toBe('user-email-gateway')
    expect(services('Email/sendWelcomeMail', SPAN_KIND.consumer)).not.toBe(services('User/registerNewUser', SPAN_KIND.server))
  })
  test('an incoming traceparent is continued', () => expectTraceparentContinued(base()))
})

describe('purista start --target lambda', () => {
  let outDir: string
  let app: RunningProcess
  beforeAll(async () => {
    outDir = scratch()
    app = await startNode([CLI, 'start', '--target', 'lambda', '--config', TRACED_CONFIG, '--out-dir', outDir], exportTo(), /listening on http:\/\/127\.0\.0\.1:(\d+)/)
  }, 120_000)
  afterAll(async () => {
    await app?.stop()
    rmSync(outDir, { recursive: true, force: true })
  })

  test('one request is one trace across the functions, EventBridge between them', async () => {
    const spans = await expectOneConnectedTrace(`http://127.0.0.1:${app.port}`, 'aws_eventbridge')
    const command = find(spans, 'User/registerNewUser', SPAN_KIND.server)
    const consumer = find(spans, 'Email/sendWelcomeMail', SPAN_KIND.consumer)
    expect(consumer.service).not.toBe(command.service)
    // The span that serves an invocation says how it was triggered; the spans under it do not.
    expect(find(spans, 'POST /api/v1/users', SPAN_KIND.server).attributes).toMatchObject({ 'faas.trigger': 'http', 'faas.invocation_id': expect.any(String) })
    expect(consumer.attributes).toMatchObject({ 'faas.trigger': 'pubsub', 'faas.invocation_id': expect.any(String) })
    expect(command.attributes).not.toHaveProperty('faas.trigger')
    expect(command.attributes).not.toHaveProperty('messaging.system')
  })
  test('an incoming traceparent is continued', () => expectTraceparentContinued(`http://127.0.0.1:${app.port}`))
})

describe('purista start --target azure', () => {
  let outDir: string
  let app: RunningProcess
  beforeAll(async () => {
    outDir = scratch()
    app = await startNode([CLI, 'start', '--target', 'azure', '--config', TRACED_CONFIG, '--out-dir', outDir], exportTo(), /listening on http:\/\/127\.0\.0\.1:(\d+)/)
  }, 120_000)
  afterAll(async () => {
    await app?.stop()
    rmSync(outDir, { recursive: true, force: true })
  })

  test('one request is one trace, Service Bus between the functions; each trigger names its invocation', async () => {
    const spans = await expectOneConnectedTrace(`http://127.0.0.1:${app.port}`, 'servicebus')
    expect(find(spans, 'POST /api/v1/users', SPAN_KIND.server).attributes).toMatchObject({ 'faas.trigger': 'http', 'faas.invocation_id': expect.any(String) })
    expect(find(spans, 'Email/sendWelcomeMail', SPAN_KIND.consumer).attributes).toMatchObject({ 'faas.trigger': 'pubsub', 'faas.invocation_id': expect.any(String) })
    const command = find(spans, 'User/registerNewUser', SPAN_KIND.server)
    expect(command.attributes).not.toHaveProperty('faas.trigger')
    expect(command.attributes).not.toHaveProperty('messaging.system')
  })
  test('an incoming traceparent is continued', () => expectTraceparentContinued(`http://127.0.0.1:${app.port}`))
})

describe('the shop: a canInvoke chain across services is one trace', () => {
  describe('monolith', () => {
    let outDir: string
    let app: RunningProcess
    beforeAll(async () => {
      outDir = scratch()
      expect((await runCli(['build', '--target', 'monolith', '--config', TRACED_SHOP_CONFIG, '--out-dir', outDir])).code).toBe(0)
      app = await startBundle(join(outDir, 'monolith', 'index.mjs'), exportTo())
    }, 60_000)
    afterAll(async () => {
      await app?.stop()
      rmSync(outDir, { recursive: true, force: true })
    })
    test('an order and its confirmation', () => expectOrderChainInOneTrace(`http://127.0.0.1:${app.port}`))
  })

  describe('containers over NATS', () => {
    const base = tracedContainers(TRACED_SHOP_CONFIG, 'nats')
    test('an order and its confirmation, across five service containers', () => expectOrderChainInOneTrace(base()))
  })

  describe('purista start --target lambda', () => {
    let outDir: string
    let app: RunningProcess
    beforeAll(async () => {
      outDir = scratch()
      app = await startNode([CLI, 'start', '--target', 'lambda', '--config', TRACED_SHOP_CONFIG, '--out-dir', outDir], exportTo(), /listening on http:\/\/127\.0\.0\.1:(\d+)/)
    }, 120_000)
    afterAll(async () => {
      await app?.stop()
      rmSync(outDir, { recursive: true, force: true })
    })
    test('an order and its confirmation, across the functions; a call of another function is the Lambda Invoke it is', async () => {
      const spans = await expectOrderChainInOneTrace(`http://127.0.0.1:${app.port}`)
      const call = childOf(spans, find(spans, 'Order/placeOrder', SPAN_KIND.server), 'Customer/getCustomer', SPAN_KIND.client)
      expect(call.attributes).toMatchObject({ 'rpc.system': 'purista', 'faas.invoked_provider': 'aws', 'faas.invoked_name': expect.stringMatching(/^Customer-?v1-?getCustomer/) })
      expect(call.attributes).not.toHaveProperty('messaging.system')
      const served = childOf(spans, call, 'Customer/getCustomer', SPAN_KIND.server)
      expect(served.attributes).toMatchObject({ 'faas.trigger': 'other', 'faas.invocation_id': expect.any(String) })
      expect(served.attributes).not.toHaveProperty('messaging.system')
    })
  })
})
