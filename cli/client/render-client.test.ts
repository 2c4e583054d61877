import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ClientOperation } from './client-operations.ts'
import { renderClient } from './render-client.ts'

const operations: ClientOperation[] = [
  {
    serviceName: 'Catalog',
    serviceVersion: '1',
    commandName: 'setPrice',
    description: 'sets a price',
    method: 'PUT',
    pathTemplate: '/api/v1/products/{productId}/price',
    queryParameters: ['currency'],
    payloadSchema: { type: 'object', properties: { cents: { type: 'integer' } }, required: ['cents'] },
    payloadOptional: false,
    parameterSchema: { type: 'object', properties: { productId: { type: 'string' }, currency: { type: 'string' } }, required: ['productId'] },
    parameterOptional: false,
    outputSchema: { tsType: 'unknown' },
  },
  {
    serviceName: 'Catalog',
    serviceVersion: '1',
    commandName: 'listFiles',
    description: 'lists the files of a folder, or one',
    method: 'GET',
    pathTemplate: '/api/v1/files/{folder}/{name}',
    queryParameters: [],
    payloadOptional: false,
    parameterSchema: { type: 'object', properties: { folder: { type: 'string' }, name: { type: 'string' } }, required: ['folder'] },
    parameterOptional: false,
    outputSchema: { type: 'array', items: { type: 'string' } },
  },
]

interface Recorded {
  url: string
  init: RequestInit
}

/** The generated module, imported as the user would, with a fetch that records what it is asked and answers `reply`. */
let client: any
let errorClass: any
const recorded: Recorded[] = []
let reply: () => Response
/** Where the tests' scratch projects go: ignored by git and by the project's tsc. */
const SCRATCH = fileURLToPath(new URL('../../.purista-tmp', import.meta.url))
let dir: string

beforeAll(async () => {
  mkdirSync(SCRATCH, { recursive: true })
  dir = mkdtempSync(join(SCRATCH, 'client-'))
  writeFileSync(join(dir, 'client.ts'), await renderClient('shop', operations))
  const generated = await import(join(dir, 'client.ts'))
  errorClass = generated.PuristaClientError
  client = new generated.PuristaClient({
    baseUrl: 'https://api.example.com/',
    headers: async () => ({ authorization: 'Bearer t' }),
    fetch: async (url: string, init: RequestInit) => (recorded.push({ url, init }), reply()),
  })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the generated client', () => {
  test('fills the path, puts declared query members in the query string, sends the payload as JSON with the headers', async () => {
    reply = () => Response.json({ ok: true })
    expect(await client.catalog.v1.setPrice({ cents: 5 }, { productId: 'a/b', currency: 'EUR' }, { headers: { 'x-trace-id': 't1' } })).toEqual({ ok: true })
    const { url, init } = recorded.at(-1)!
    expect(url).toBe('https://api.example.com/api/v1/products/a%2Fb/price?currency=EUR')
    expect(init).toMatchObject({ method: 'PUT', body: '{"cents":5}', headers: { 'content-type': 'application/json', authorization: 'Bearer t', 'x-trace-id': 't1' } })
  })

  test('leaves out query members that are not given, and answers 204 with undefined', async () => {
    reply = () => new Response(null, { status: 204 })
    expect(await client.catalog.v1.setPrice({ cents: 5 }, { productId: 'p' })).toBeUndefined()
    expect(recorded.at(-1)!.url).toBe('https://api.example.com/api/v1/products/p/price')
  })

  test('an optional path parameter that is not given leaves out its segment', async () => {
    reply = () => Response.json([])
    await client.catalog.v1.listFiles({ folder: 'docs' })
    expect(recorded.at(-1)!.url).toBe('https://api.example.com/api/v1/files/docs')
    await client.catalog.v1.listFiles({ folder: 'docs', name: 'a b' })
    expect(recorded.at(-1)!.url).toBe('https://api.example.com/api/v1/files/docs/a%20b')
    expect(recorded.at(-1)!.init).not.toHaveProperty('body')
  })

  test('a problem answer throws PuristaClientError with its fields and the trace id of the response', async () => {
    const problem = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'invalid payload', traceId: 't2', issues: [{ path: 'cents', message: 'Expected number' }] }
    reply = () => new Response(JSON.stringify(problem), { status: 400, headers: { 'content-type': 'application/problem+json', 'x-trace-id': 't2' } })
    const error = await client.catalog.v1.setPrice({ cents: 'x' }, { productId: 'p' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(errorClass)
    expect(error).toMatchObject({ name: 'PuristaClientError', message: '400 Bad Request: invalid payload', status: 400, title: 'Bad Request', issues: problem.issues, traceId: 't2', problem })
  })

  test('an answer that is not a problem (a proxy’s page) still throws, with the status text as title', async () => {
    reply = () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } })
    const error = await client.catalog.v1.setPrice({ cents: 1 }, { productId: 'p' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', detail: undefined, problem: undefined })
  })
})
