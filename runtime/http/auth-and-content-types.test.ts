import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { DefaultEventBridge, HandledError, ServiceBuilder, StatusCode, collectRoutes, createLogger, startHttpServer, type HttpServer } from '../index.ts'
import type { HttpAuthGuard } from './auth-guard.ts'

const logger = createLogger({ level: 'fatal' })
let http: HttpServer
let base: string

/** Bearer tokens of the form <principal>@<tenant>; "expired" is known and refused. */
const authGuard: HttpAuthGuard = ({ headers }) => {
  const token = String(headers.authorization ?? '').replace(/^Bearer /, '')
  if (token === 'expired') throw new HandledError(StatusCode.Forbidden, 'token expired')
  if (!token) return undefined
  const [principalId, tenantId] = token.split('@')
  return { principalId: principalId!, tenantId }
}

beforeAll(async () => {
  const svc = new ServiceBuilder({ serviceName: 'Notes', serviceVersion: '1', serviceDescription: '' })
  const whoami = svc
    .getCommandBuilder('whoami', 'who calls')
    .exposeAsHttpEndpoint('GET', 'whoami')
    .setCommandFunction(async (context) => ({ principalId: context.message.principalId, tenantId: context.message.tenantId }))
  const health = svc.getCommandBuilder('open', 'public').exposeAsHttpEndpoint('GET', 'open').makeEndpointPublic().setCommandFunction(async (context) => ({ principalId: context.message.principalId ?? null }))
  const shout = svc
    .getCommandBuilder('shout', 'text in, text out')
    .addPayloadSchema(z.object({ words: z.array(z.string()) }))
    .addOutputSchema(z.object({ words: z.array(z.string()) }))
    .setTransformInput(z.string(), z.object({}), async (_context, text) => ({ payload: { words: text.split(' ') }, parameter: {} }))
    .setTransformOutput(z.string(), async (_context, output) => output.words.join(' ').toUpperCase(), 'text/plain')
    .exposeAsHttpEndpoint('POST', 'shout', 'text/plain')
    .makeEndpointPublic()
    .setCommandFunction(async (_context, payload) => payload)
  const form = svc
    .getCommandBuilder('form', 'form fields')
    .addPayloadSchema(z.object({ name: z.string() }))
    .exposeAsHttpEndpoint('POST', 'form', 'application/x-www-form-urlencoded')
    .makeEndpointPublic()
    .setCommandFunction(async (_context, payload) => payload)
  const bridge = new DefaultEventBridge({ logger })
  await bridge.start()
  const service = svc.addCommandDefinition(whoami.getDefinition(), health.getDefinition(), shout.getDefinition(), form.getDefinition()).getInstance(bridge, { logger })
  await service.start()
  http = await startHttpServer({ port: 0, routes: collectRoutes([service]), bridge, logger, authGuard })
  base = `http://127.0.0.1:${http.port}`
})
afterAll(() => http.close())

describe('with an auth guard', () => {
  test('a protected endpoint without a principal is a 401 problem; a refused one the guard’s 403', async () => {
    const anonymous = await fetch(`${base}/api/v1/whoami`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json')
    expect(await anonymous.json()).toMatchObject({ status: 401, detail: 'authentication required' })
    const refused = await fetch(`${base}/api/v1/whoami`, { headers: { authorization: 'Bearer expired' } })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ status: 403, detail: 'token expired' })
  })

  test("the guard's principal and tenant reach the command in its envelope", async () => {
    const res = await fetch(`${base}/api/v1/whoami`, { headers: { authorization: 'Bearer ada@acme' } })
    expect(await res.json()).toEqual({ principalId: 'ada', tenantId: 'acme' })
  })

  test('a public endpoint is served to anyone, without running the guard', async () => {
    const res = await fetch(`${base}/api/v1/open`, { headers: { authorization: 'Bearer expired' } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ principalId: null })
  })

  test('OpenAPI shows the security scheme, and which operations require it', async () => {
    const doc = await (await fetch(`${base}/api/openapi.json`)).json()
    expect(doc.components.securitySchemes).toEqual({ authGuard: { type: 'http', scheme: 'bearer' } })
    expect(doc.paths['/api/v1/whoami'].get.security).toEqual([{ authGuard: [] }])
    expect(Object.keys(doc.paths['/api/v1/whoami'].get.responses)).toEqual(expect.arrayContaining(['401', '403']))
    expect(doc.paths['/api/v1/open'].get.security).toEqual([])
  })
})

describe('declared content types', () => {
  test('a text/plain body reaches the input transform as text; the output transform answers text/plain', async () => {
    const res = await fetch(`${base}/api/v1/shout`, { method: 'POST', body: 'hello there', headers: { 'content-type': 'text/plain; charset=utf-8' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await res.text()).toBe('HELLO THERE')
  })

  test('form fields arrive as an object; a body of another type than declared is a 415', async () => {
    const res = await fetch(`${base}/api/v1/form`, { method: 'POST', body: 'name=Ada+L', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(await res.json()).toEqual({ name: 'Ada L' })
    const json = await fetch(`${base}/api/v1/shout`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
    expect(json.status).toBe(415)
    expect((await json.json()).detail).toBe('expected a body of content-type text/plain, got "application/json"')
  })

  test('OpenAPI documents the transforms’ schemas under the declared content types', async () => {
    const doc = await (await fetch(`${base}/api/openapi.json`)).json()
    const shout = doc.paths['/api/v1/shout'].post
    expect(shout.requestBody.content).toEqual({ 'text/plain': { schema: { type: 'string' } } })
    expect(shout.responses['200'].content).toEqual({ 'text/plain': { schema: { type: 'string' } } })
  })
})
