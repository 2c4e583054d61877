import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { emailV1Service } from '../../../fixtures/user-email/src/service/email/v1/emailV1Service.ts'
import { userV1Service } from '../../../fixtures/user-email/src/service/user/v1/index.ts'
import { startApp, type RunningApp } from '../../app/start-app.ts'
import { DefaultEventBridge } from '../../bridge/default-event-bridge.ts'
import { createLogger } from '../../core/logger.ts'
import type { CommandMessage } from '../../core/envelope.ts'
import { tracing, useTracing } from '../tracing.ts'
import { spanTools } from '../span-tools.ts'
import { startActiveSpan, wrapInSpan } from '../user-spans.ts'
import { AsyncLocalContextManager } from './async-context.ts'
import { otelTracing } from './otel-tracing.ts'
import { RequestTraceIds } from './request-trace-ids.ts'

// The user-email app in one process, its spans kept in memory: what every target's spans are made of.

const exporter = new InMemorySpanExporter()
const provider = new BasicTracerProvider({ idGenerator: new RequestTraceIds(), spanProcessors: [new SimpleSpanProcessor(exporter)] })
let app: RunningApp
let base: string

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider)
  context.setGlobalContextManager(new AsyncLocalContextManager())
  useTracing(otelTracing(trace.getTracer('purista'), () => provider.forceFlush(), () => provider.shutdown()))
  const logger = createLogger({ level: 'fatal' })
  const options = { name: 'traced', logLevel: 'fatal' as const, commandTimeoutMs: 5_000, http: { port: 0, bodyLimit: 100_000 }, stores: { config: 'memory' as const, secret: 'memory' as const, envPrefix: '' } }
  app = await startApp([userV1Service, emailV1Service], options, { logger, bridge: new DefaultEventBridge({ logger }), role: 'all' })
  base = `http://127.0.0.1:${app.http.port}`
})

afterAll(async () => {
  await app.close()
  useTracing(undefined)
  trace.disable()
  context.disable()
})

const register = (email: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, name: 'Ada' }) })

/** Spans end asynchronously (the subscription runs after the answer): wait until the trace has them all. */
async function spansOf(traceId: string, count: number): Promise<ReadableSpan[]> {
  for (let i = 0; i < 100; i++) {
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId)
    if (spans.length >= count) return spans
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`trace ${traceId} has ${exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId).length} spans, expected ${count}`)
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId
const named = (spans: ReadableSpan[], name: string, kind: SpanKind) => {
  const found = spans.find((s) => s.name === name && s.kind === kind)
  if (!found) throw new Error(`no ${SpanKind[kind]} span ${name} among ${spans.map((s) => `${SpanKind[s.kind]} ${s.name}`).join(', ')}`)
  return found
}

test('one request is one trace: HTTP → command client → command server → producer → consumer, the trace id the one the caller sees', async () => {
  const response = await register('ada@example.com')
  expect(response.status).toBe(200)
  const traceId = response.headers.get('x-trace-id')!
  const spans = await spansOf(traceId, 5)

  const http = named(spans, 'POST /api/v1/users', SpanKind.SERVER)
  const client = named(spans, 'User/registerNewUser', SpanKind.CLIENT)
  const server = named(spans, 'User/registerNewUser', SpanKind.SERVER)
  const producer = named(spans, 'publish userRegistered', SpanKind.PRODUCER)
  const consumer = named(spans, 'Email/sendWelcomeMail', SpanKind.CONSUMER)
  expect(parentOf(http)).toBeUndefined()
  expect(parentOf(client)).toBe(http.spanContext().spanId)
  expect(parentOf(server)).toBe(client.spanContext().spanId)
  expect(parentOf(producer)).toBe(server.spanContext().spanId)
  expect(parentOf(consumer)).toBe(producer.spanContext().spanId)

  expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/api/v1/users', 'url.path': '/api/v1/users', 'http.response.status_code': 200 })
  expect(server.attributes).toMatchObject({ 'rpc.system': 'purista', 'rpc.service': 'User', 'rpc.method': 'registerNewUser', 'purista.service.version': '1' })
  expect(producer.attributes).toMatchObject({ 'messaging.operation.type': 'send', 'messaging.destination.name': 'userRegistered' })
  expect(consumer.attributes).toMatchObject({ 'messaging.operation.type': 'process', 'messaging.destination.name': 'userRegistered', 'messaging.consumer.group.name': 'Email/1/sendWelcomeMail' })
  for (const span of spans) expect(span.status.code).toBe(SpanStatusCode.UNSET)
})

test('an incoming traceparent is continued, not replaced', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736'
  const response = await register('grace@example.com', { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, tracestate: 'vendor=1' })
  expect(response.headers.get('x-trace-id')).toBe(traceId)
  const http = named(await spansOf(traceId, 5), 'POST /api/v1/users', SpanKind.SERVER)
  expect(parentOf(http)).toBe('00f067aa0ba902b7')
  expect(http.spanContext().traceState?.get('vendor')).toBe('1')
})

test('a HandledError leaves the status unset and says so in an event; the HTTP span records the status', async () => {
  await register('linus@example.com')
  const response = await register('linus@example.com')
  expect(response.status).toBe(409)
  const spans = await spansOf(response.headers.get('x-trace-id')!, 3)
  const server = named(spans, 'User/registerNewUser', SpanKind.SERVER)
  expect(server.status.code).toBe(SpanStatusCode.UNSET)
  expect(server.events.map((e) => [e.name, e.attributes?.['purista.error.status']])).toEqual([['handled error', 409]])
  expect(named(spans, 'POST /api/v1/users', SpanKind.SERVER).attributes['http.response.status_code']).toBe(409)
})

test("a user's own spans nest under the active one; a failure marks them", async () => {
  const result = await startActiveSpan(spanTools(), 'outer', async (outer) => {
    await wrapInSpan(spanTools(), 'inner', async () => {})
    await expect(startActiveSpan(spanTools(), 'failing', {}, undefined, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    return outer.spanContext().spanId
  })
  const spans = exporter.getFinishedSpans()
  expect(parentOf(spans.find((s) => s.name === 'inner')!)).toBe(result)
  const failing = spans.find((s) => s.name === 'failing')!
  expect(parentOf(failing)).toBe(result)
  expect(failing.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' })
})

test('the span that serves a FaaS invocation says how it was triggered, the spans under it do not; only the first invocation is a cold start', async () => {
  const traced = tracing!
  const address = { serviceName: 'Faas', serviceVersion: '1', serviceTarget: 'outer' }
  const inner = traced.command(async () => 'done', { ...address, serviceTarget: 'inner' }, undefined)
  const outer = traced.command((message) => inner(message), address, undefined)
  const invoke = (traceId: string, id: string) => traced.invocation({ trigger: 'other', id }, () => outer({ id: `m-${id}`, traceId } as CommandMessage))
  await invoke('1bf92f3577b34da6a3ce929d0e0e4736', 'first')
  await invoke('2bf92f3577b34da6a3ce929d0e0e4736', 'second')

  const first = await spansOf('1bf92f3577b34da6a3ce929d0e0e4736', 2)
  expect(named(first, 'Faas/outer', SpanKind.SERVER).attributes).toMatchObject({ 'faas.trigger': 'other', 'faas.invocation_id': 'first', 'faas.coldstart': true })
  expect(Object.keys(named(first, 'Faas/inner', SpanKind.SERVER).attributes).filter((name) => name.startsWith('faas.'))).toEqual([])
  const second = await spansOf('2bf92f3577b34da6a3ce929d0e0e4736', 2)
  expect(named(second, 'Faas/outer', SpanKind.SERVER).attributes).toMatchObject({ 'faas.invocation_id': 'second', 'faas.coldstart': false })
})

test("a command another function runs is a call of that function (faas.invoked_*), one run in this process a plain call; neither is a message", async () => {
  const sender = tracing!.sender({ invoke: async () => 'ok', emit: async () => {} }, 'aws_eventbridge', { provider: 'aws', nameOf: (receiver) => (receiver.serviceName === 'Far' ? 'far-function' : undefined), region: 'eu-west-1' })
  const command = (serviceName: string) => ({ id: `c-${serviceName}`, traceId: 'unused', receiver: { serviceName, serviceVersion: '1', serviceTarget: 'go' } }) as CommandMessage
  await sender.invoke(command('Far'))
  await sender.invoke(command('Near'))
  const client = (name: string) => named(exporter.getFinishedSpans(), name, SpanKind.CLIENT).attributes
  expect(client('Far/go')).toMatchObject({ 'rpc.system': 'purista', 'faas.invoked_provider': 'aws', 'faas.invoked_name': 'far-function', 'faas.invoked_region': 'eu-west-1' })
  expect(Object.keys(client('Near/go')).filter((name) => name.startsWith('faas.') || name.startsWith('messaging.system'))).toEqual([])
  expect(client('Far/go')).not.toHaveProperty('messaging.system')
})
