import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { DefaultEventBridge, ServiceBuilder, collectRoutes, createLogger, startHttpServer, type HttpServer } from '../index.ts'
import { decodeBody, isJsonType } from './body.ts'

const lines: Record<string, unknown>[] = []
const logger = createLogger({ sink: (l) => lines.push(JSON.parse(l)) })
let http: HttpServer
let base: string

beforeAll(async () => {
  const svc = new ServiceBuilder({ serviceName: 'Body', serviceVersion: '1', serviceDescription: '' })
  const echo = svc.getCommandBuilder('echo', '').addPayloadSchema(z.object({ text: z.string() })).exposeAsHttpEndpoint('POST', 'echo').setCommandFunction(async (_c, payload) => payload)
  const bridge = new DefaultEventBridge({ logger })
  await bridge.start()
  const service = svc.addCommandDefinition(echo.getDefinition()).getInstance(bridge, { logger })
  await service.start()
  http = await startHttpServer({ port: 0, routes: collectRoutes([service]), bridge, logger })
  base = `http://127.0.0.1:${http.port}/api/v1/echo`
})
afterAll(() => http.close())

const post = (headers: Record<string, string>, body: BodyInit = '{"text":"hi"}') => fetch(base, { method: 'POST', headers, body })

/** Writes raw bytes and resolves with everything the server sent back before closing. */
const raw = (bytes: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect(http.port, '127.0.0.1', () => socket.write(bytes))
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk))
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })

describe('which media types are JSON', () => {
  test.each(['application/json', 'application/problem+json', 'application/vnd.api+json', 'Application/JSON; charset=utf-8'])('%s is', (type) => expect(isJsonType(type)).toBe(true))
  test.each(['application/json-seq', 'application/jsonx', 'text/json', 'application/x-json', 'application/+json'])('%s is not', (type) => expect(isJsonType(type)).toBe(false))
})

describe('decodeBody', () => {
  test('a leading UTF-8 byte order mark is dropped', () => expect(decodeBody(Buffer.from('\uFEFF{"a":1}'), 'application/json', 'application/json')).toEqual({ a: 1 }))
  test.each(['application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json; charset=utf8'])('%s is read', (type) => expect(decodeBody(Buffer.from('{}'), type, 'application/json')).toEqual({}))
  test.each(['application/json; charset=utf-16', 'application/json; charset=iso-8859-1', 'text/plain; charset=latin1'])('%s is 415', (type) =>
    expect(() => decodeBody(Buffer.from('{}'), type, type.startsWith('text') ? 'text/plain' : 'application/json')).toThrow(expect.objectContaining({ status: 415 })),
  )
})

describe('the monolith server', () => {
  test('a compressed body is 415 naming the encoding; identity is read', async () => {
    const gzip = await post({ 'content-type': 'application/json', 'content-encoding': 'gzip' })
    expect(gzip.status).toBe(415)
    expect(await gzip.json()).toMatchObject({ status: 415, detail: 'content-encoding "gzip" is not supported; send the body uncompressed' })
    expect((await post({ 'content-type': 'application/json', 'content-encoding': 'identity' })).status).toBe(200)
  })

  test('application/json-seq is not JSON: 415', async () => expect((await post({ 'content-type': 'application/json-seq' })).status).toBe(415))

  test('a BOM before the JSON is tolerated', async () => expect(await (await post({ 'content-type': 'application/json' }, '\uFEFF{"text":"bom"}')).json()).toEqual({ text: 'bom' }))

  test('a request Node cannot parse gets a problem+json answer', async () => {
    const answer = await raw('GET /api/v1/echo HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(answer).toContain('content-type: application/problem+json')
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, title: 'Bad Request', detail: 'the request is not valid HTTP' })
  })

  test('headers over the limit are 431 problem+json', async () => {
    const answer = await raw(`GET / HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(answer).toContain('"status":431')
  })

  test('a client that aborts mid-body is logged at info, without a stack', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(http.port, '127.0.0.1', () => {
        socket.write('POST /api/v1/echo HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\nx-trace-id: aborting-client\r\n\r\n{"te')
        setTimeout(() => (socket.destroy(), resolve()), 50)
      })
    })
    await expect.poll(() => lines.find((l) => l.traceId === 'aborting-client')).toMatchObject({ level: 'info', msg: 'request aborted by the client before its body was read' })
    expect(JSON.stringify(lines.filter((l) => l.traceId === 'aborting-client'))).not.toMatch(/stack|"error"/)
  })
})

test('a body refused from its Content-Length closes the connection: the rest is never read', async () => {
  const answer = await new Promise<string>((resolve) => {
    const socket = connect(http.port, '127.0.0.1', () => socket.write('POST /api/v1/echo HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 99999999999\r\n\r\n{'))
    let text = ''
    socket.on('data', (chunk) => (text += chunk))
    socket.on('end', () => resolve(text))
  })
  expect(answer).toMatch(/^HTTP\/1\.1 413 /)
  expect(answer).toMatch(/\r\nconnection: close\r\n/i)
})
