import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { DefaultEventBridge, ServiceBuilder, collectRoutes, createLogger, startHttpServer, type HttpServer } from '../index.ts'

const lines: string[] = []
const logger = createLogger({ sink: (l) => lines.push(l) })
let http: HttpServer
let base: string

beforeAll(async () => {
  const svc = new ServiceBuilder({ serviceName: 'Echo', serviceVersion: '2', serviceDescription: '' })
  const echo = svc
    .getCommandBuilder('echo', 'echoes')
    .addPayloadSchema(z.object({ text: z.string().min(1) }))
    .addParameterSchema(z.object({ id: z.string(), upper: z.enum(['yes', 'no']).optional() }))
    .addQueryParameters({ name: 'upper', required: false })
    .addOutputSchema(z.object({ id: z.string(), text: z.string() }))
    .exposeAsHttpEndpoint('POST', 'echo/:id')
    .setCommandFunction(async (_c, { text }, { id, upper }) => ({ id, text: upper === 'yes' ? text.toUpperCase() : text }))
  const crash = svc
    .getCommandBuilder('crash', 'crashes')
    .exposeAsHttpEndpoint('GET', 'crash')
    .setCommandFunction(async () => {
      throw new Error('stack secrets at /srv/app.ts')
    })
  const nothing = svc.getCommandBuilder('nothing', 'returns nothing').exposeAsHttpEndpoint('DELETE', 'echo/:id').setCommandFunction(async () => undefined)
  const unserializable = svc.getCommandBuilder('unserializable', 'answers what JSON cannot carry').exposeAsHttpEndpoint('GET', 'big').setCommandFunction(async () => ({ n: 1n }))
  const bridge = new DefaultEventBridge({ logger })
  await bridge.start()
  const service = svc.addCommandDefinition(echo.getDefinition(), crash.getDefinition(), nothing.getDefinition(), unserializable.getDefinition()).getInstance(bridge, { logger })
  await service.start()
  http = await startHttpServer({ port: 0, routes: collectRoutes([service]), bridge, logger, bodyLimit: 1000 })
  base = `http://127.0.0.1:${http.port}`
})
afterAll(() => http.close())

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(base + path, { method: 'POST', body, headers })

describe('HTTP adapter', () => {
  test('path and declared query parameters reach the command; the answer is JSON', async () => {
    const res = await post('/api/v2/echo/42?upper=yes&ignored=1', JSON.stringify({ text: 'hi' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual({ id: '42', text: 'HI' })
  })

  test('a schema violation is a 400 problem listing each failing field', async () => {
    const res = await post('/api/v2/echo/1?upper=maybe', JSON.stringify({ text: '' }))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const body = await res.json()
    expect(body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'invalid payload' })
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(['text'])
  })

  test('an invalid parameter is a 400 too', async () => {
    const res = await post('/api/v2/echo/1?upper=maybe', JSON.stringify({ text: 'x' }))
    expect(res.status).toBe(400)
    expect((await res.json()).issues[0].path).toBe('upper')
  })

  test('broken JSON is a 400, a body that is not JSON a 415, a body over the limit a 413', async () => {
    expect((await post('/api/v2/echo/1', '{"text":')).status).toBe(400)
    const wrongType = await post('/api/v2/echo/1', 'text=hi', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(wrongType.status).toBe(415)
    expect((await wrongType.json()).detail).toContain('application/json')
    const tooBig = await post('/api/v2/echo/1', JSON.stringify({ text: 'x'.repeat(2000) }))
    expect(tooBig.status).toBe(413)
    expect((await tooBig.json()).status).toBe(413)
  })

  test('unknown routes are 404, known routes with the wrong method are 405 with Allow', async () => {
    const missing = await fetch(base + '/api/v2/nothing-here')
    expect(missing.status).toBe(404)
    expect((await missing.json()).title).toBe('Not Found')
    const wrong = await fetch(base + '/api/v2/echo/1', { method: 'PUT' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST, DELETE')
  })

  test('an unexpected error is a 500 without message or stack; the log has both under the trace id', async () => {
    const res = await fetch(base + '/api/v2/crash', { headers: { 'x-trace-id': 'crash-trace' } })
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, traceId: 'crash-trace' })
    expect(text).not.toContain('secrets')
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.traceId === 'crash-trace' && l.level === 'error')
    expect(logged.error.message).toContain('stack secrets')
  })

  test('no output is a 204', async () => {
    expect((await fetch(base + '/api/v2/echo/1', { method: 'DELETE' })).status).toBe(204)
  })

  test('an output JSON cannot carry is a 500 problem, logged under the trace id', async () => {
    const res = await fetch(base + '/api/v2/big', { headers: { 'x-trace-id': 'bigint-trace' } })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, traceId: 'bigint-trace' })
    expect(lines.map((l) => JSON.parse(l)).find((l) => l.traceId === 'bigint-trace' && l.level === 'error')).toMatchObject({ msg: 'request failed' })
  })

  test('an answer with a body says its length, and is not chunked; a 204 has neither', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ text: 'é' })
      const socket = connect(http.port, '127.0.0.1', () => socket.write(`POST /api/v2/echo/7 HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`))
      let text = ''
      socket.setEncoding('latin1')
      socket.on('data', (chunk) => (text += chunk))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    const [head, body] = answer.split('\r\n\r\n')
    expect(head).not.toMatch(/transfer-encoding/i)
    // The length is in bytes: é is two in UTF-8.
    expect(head).toContain(`content-length: ${Buffer.byteLength(JSON.stringify({ id: '7', text: 'é' }))}`)
    expect(Buffer.from(body!, 'latin1').toString('utf8')).toBe(JSON.stringify({ id: '7', text: 'é' }))
    const empty = await fetch(base + '/api/v2/echo/1', { method: 'DELETE' })
    expect(empty.headers.get('content-length')).toBeNull()
    expect(empty.headers.get('transfer-encoding')).toBeNull()
  })

  test('the trace id comes from traceparent, else x-trace-id, else is created; it is on every response', async () => {
    const fromParent = await fetch(base + '/healthz', { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } })
    expect(fromParent.headers.get('x-trace-id')).toBe('4bf92f3577b34da6a3ce929d0e0e4736')
    const fromHeader = await fetch(base + '/nope', { headers: { 'x-trace-id': 'my-trace' } })
    expect(fromHeader.headers.get('x-trace-id')).toBe('my-trace')
    expect((await fromHeader.json()).traceId).toBe('my-trace')
    const created = await fetch(base + '/healthz', { headers: { 'x-trace-id': 'bad trace id <script>' } })
    expect(created.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/)
  })

  test('/healthz answers ok', async () => {
    const res = await fetch(base + '/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  test('/api/openapi.json is OpenAPI 3.1 built from the schemas', async () => {
    const doc = await (await fetch(base + '/api/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    const operation = doc.paths['/api/v2/echo/{id}'].post
    expect(operation.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', properties: { text: { type: 'string', minLength: 1 } }, required: ['text'] })
    expect(operation.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'upper', in: 'query', required: false, schema: { type: 'string', enum: ['yes', 'no'] } },
    ])
    expect(operation.responses['200'].content['application/json'].schema.required).toEqual(['id', 'text'])
    expect(Object.keys(doc.paths['/api/v2/echo/{id}'])).toEqual(['post', 'delete'])
  })
})
