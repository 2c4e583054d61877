import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLI, REPO, runCli, startBundle, startNode, type RunningProcess } from './helpers.ts'
import { SPAN_KIND, startOtlpReceiver, type ReceivedSpan } from './otlp-receiver.ts'

/**
 * The user-email app built with `telemetry: { tracing: true }` on each target, its spans exported
 * over OTLP/HTTP JSON to a receiver in the test: one POST /api/v1/users must be one trace, its
 * spans connected parent → child across the processes that served it.
 */

const TRACED_CONFIG = join(REPO, 'fixtures/user-email/purista.traced.config.ts')
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

describe('containers over NATS, each a process', () => {
  let outDir: string
  const processes: RunningProcess[] = []
  let gateway: RunningProcess
  beforeAll(async () => {
    outDir = scratch()
    expect((await runCli(['build', '--target', 'containers', '--broker', 'nats', '--config', TRACED_CONFIG, '--out-dir', outDir])).code).toBe(0)
    const root = join(outDir, 'containers')
    for (const name of readdirSync(root).filter((n) => n !== 'gateway' && existsSync(join(root, n, 'index.mjs')))) processes.push(await startBundle(join(root, name, 'index.mjs'), exportTo()))
    gateway = await startBundle(join(root, 'gateway', 'index.mjs'), exportTo())
    processes.push(gateway)
  }, 60_000)
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()))
    rmSync(outDir, { recursive: true, force: true })
  })

  test('one request is one trace across the gateway and the service containers', async () => {
    const spans = await expectOneConnectedTrace(`http://127.0.0.1:${gateway.port}`, 'nats')
    const services = (name: string, kind: number) => find(spans, name, kind).service
    expect(services('POST /api/v1/users', SPAN_KIND.server)).toBe('user-email-gateway')
    expect(services('User/registerNewUser', SPAN_KIND.server)).not.toBe('user-email-gateway')
    expect(services('Email/sendWelcomeMail', SPAN_KIND.consumer)).not.toBe(services('User/registerNewUser', SPAN_KIND.server))
  })
  test('an incoming traceparent is continued', () => expectTraceparentContinued(`http://127.0.0.1:${gateway.port}`))
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
    expect(find(spans, 'Email/sendWelcomeMail', SPAN_KIND.consumer).service).not.toBe(find(spans, 'User/registerNewUser', SPAN_KIND.server).service)
  })
  test('an incoming traceparent is continued', () => expectTraceparentContinued(`http://127.0.0.1:${app.port}`))
})
