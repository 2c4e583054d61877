import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { APIGatewayProxyEventV2Schema, EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startLocalAws, storedValuesFromEnvironment, type LocalAws } from './aws-endpoint.ts'
import type { Invocation } from './function-process.ts'
import { createRouteMatcher, startLocalHttpApi, type LocalHttpApi } from './http-api.ts'
import type { LocalApp } from './template.ts'

const app: LocalApp = {
  functions: ['Welcome', 'Audit', 'GetUser', 'Me', 'Files'].map((id) => ({ id, codeDir: '.', handler: 'index.handler', timeoutSeconds: 3, memoryMb: 128, environment: {} })),
  routes: [
    { method: 'GET', path: '/api/v1/users/{userId}', functionId: 'GetUser' },
    { method: 'GET', path: '/api/v1/users/me', functionId: 'Me' },
    { method: 'ANY', path: '/files/{path+}', functionId: 'Files' },
  ],
  rules: [
    { busName: 'app-events', pattern: { source: ['purista'], 'detail-type': ['userRegistered'] }, functionId: 'Welcome' },
    { busName: 'app-events', pattern: { source: ['purista'], 'detail-type': ['userRegistered', 'userDeleted'], detail: { sender: { serviceVersion: ['2'] } } }, functionId: 'Audit' },
  ],
  buses: ['app-events'],
  tables: [],
}

/** Stands in for the function processes: records what each function received. */
const received: { functionId: string; event: any }[] = []
let answer: (functionId: string, event: any) => Invocation = () => ({ ok: true, result: null })
const invoke = async (functionId: string, event: unknown) => (received.push({ functionId, event }), answer(functionId, event))
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' }

describe('the local AWS endpoint, called by the real SDK clients', () => {
  let aws: LocalAws
  let eventBridge: EventBridgeClient
  let lambda: LambdaClient
  beforeAll(async () => {
    aws = await startLocalAws({ app, region: 'us-east-1', invoke, log: () => {} })
    eventBridge = new EventBridgeClient({ endpoint: aws.url, region: 'us-east-1', credentials })
    lambda = new LambdaClient({ endpoint: aws.url, region: 'us-east-1', credentials })
  })
  afterAll(async () => (eventBridge.destroy(), lambda.destroy(), await aws.close()))

  test('PutEvents delivers each entry to the functions whose rules match, as a real EventBridge event', async () => {
    received.length = 0
    const detail = { eventName: 'userRegistered', sender: { serviceVersion: '2' }, payload: { id: 1 } }
    const result = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'app-events', Source: 'purista', DetailType: 'userRegistered', Detail: JSON.stringify(detail) },
          { EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/app-events', Source: 'purista', DetailType: 'userDeleted', Detail: JSON.stringify({ ...detail, sender: { serviceVersion: '1' } }) },
          { EventBusName: 'nope', Source: 'purista', DetailType: 'userRegistered', Detail: '{}' },
        ],
      }),
    )
    expect(result.FailedEntryCount).toBe(1)
    expect(result.Entries![2]).toMatchObject({ ErrorCode: 'NotFoundException' })
    await expect.poll(() => received.length).toBe(2)
    expect(received.map((r) => r.functionId).sort()).toEqual(['Audit', 'Welcome'])
    const event = EventBridgeSchema.parse(received[0]!.event)
    expect(event).toMatchObject({ source: 'purista', 'detail-type': 'userRegistered', detail, region: 'us-east-1' })
  })

  test('a subscription that keeps failing is tried three times, then reported as dead-lettered', async () => {
    received.length = 0
    const logs: string[] = []
    const failing = await startLocalAws({ app, region: 'us-east-1', invoke: async (id, e) => (received.push({ functionId: id, event: e }), { ok: false, error: { errorType: 'Error', errorMessage: 'nope' } }), log: (l) => logs.push(l) })
    const client = new EventBridgeClient({ endpoint: failing.url, region: 'us-east-1', credentials })
    await client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'app-events', Source: 'purista', DetailType: 'userRegistered', Detail: '{"sender":{"serviceVersion":"1"}}' }] }))
    await expect.poll(() => logs.at(-1)).toMatch(/goes to the dead-letter queue of Welcome/)
    expect(received).toHaveLength(3)
    client.destroy()
    await failing.close()
  })

  test('Invoke runs the named function and returns its answer; a crash is a FunctionError; an unknown name a ResourceNotFoundException', async () => {
    answer = (id, event) => (event.crash ? { ok: false, error: { errorType: 'Error', errorMessage: 'crashed' } } : { ok: true, result: { from: id, echo: event } })
    const ok = await lambda.send(new InvokeCommand({ FunctionName: 'GetUser', Payload: JSON.stringify({ a: 1 }) }))
    expect(JSON.parse(Buffer.from(ok.Payload!).toString())).toEqual({ from: 'GetUser', echo: { a: 1 } })
    expect(ok.FunctionError).toBeUndefined()
    const crash = await lambda.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:GetUser', Payload: JSON.stringify({ crash: true }) }))
    expect(crash.FunctionError).toBe('Unhandled')
    expect(JSON.parse(Buffer.from(crash.Payload!).toString())).toMatchObject({ errorMessage: 'crashed' })
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'Missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
  })
})

test('GetSecretValue and GetParameter answer from the environment of purista start under the env store names; a missing one is the not-found error AWS gives, naming the variable', async () => {
  const storedValues = storedValuesFromEnvironment({ API_KEY: 'k-123', SHOP_MAX_ITEMS: '12' })
  const local = await startLocalAws({ app, region: 'us-east-1', invoke, log: () => {}, storedValues })
  const secretsManager = new SecretsManagerClient({ endpoint: local.url, region: 'us-east-1', credentials })
  const ssm = new SSMClient({ endpoint: local.url, region: 'us-east-1', credentials })
  try {
    expect(await secretsManager.send(new GetSecretValueCommand({ SecretId: 'apiKey' }))).toMatchObject({ Name: 'apiKey', SecretString: 'k-123' })
    await expect(secretsManager.send(new GetSecretValueCommand({ SecretId: 'dbPassword' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: expect.stringContaining('set $DB_PASSWORD') })
    expect(await ssm.send(new GetParameterCommand({ Name: '/shop/maxItems', WithDecryption: true }))).toMatchObject({ Parameter: { Name: '/shop/maxItems', Value: '12' } })
    await expect(ssm.send(new GetParameterCommand({ Name: 'welcomeSender' }))).rejects.toMatchObject({ name: 'ParameterNotFound', message: expect.stringContaining('set $WELCOME_SENDER') })
  } finally {
    secretsManager.destroy(), ssm.destroy()
    await local.close()
  }
})

describe('the local HttpApi', () => {
  let api: LocalHttpApi
  beforeAll(async () => {
    answer = (id, event) => ({ ok: true, result: id === 'Files' ? { statusCode: 201, headers: { 'x-id': id }, cookies: ['a=1'], body: Buffer.from('hi').toString('base64'), isBase64Encoded: true } : { seen: event } })
    api = await startLocalHttpApi(app, 0, invoke)
  })
  afterAll(() => new Promise<void>((resolve) => api.server.close(() => resolve())))

  test('a request becomes a valid payload-2.0 event: path parameters, query, cookies, headers, base64 for binary bodies', async () => {
    received.length = 0
    const res = await fetch(`http://127.0.0.1:${api.port}/api/v1/users/u%201?a=1&a=2&b=x`, { headers: { cookie: 'session=abc; theme=dark', 'x-trace-id': 't1' } })
    expect(res.status).toBe(200)
    const event = APIGatewayProxyEventV2Schema.parse(received[0]!.event)
    expect(event).toMatchObject({
      routeKey: 'GET /api/v1/users/{userId}',
      rawPath: '/api/v1/users/u%201',
      rawQueryString: 'a=1&a=2&b=x',
      queryStringParameters: { a: '1,2', b: 'x' },
      pathParameters: { userId: 'u%201' },
      cookies: ['session=abc', 'theme=dark'],
      isBase64Encoded: false,
    })
    expect(event.headers!['x-trace-id']).toBe('t1')
    expect(event.headers!.cookie).toBeUndefined()

    await fetch(`http://127.0.0.1:${api.port}/files/a/b.bin`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2]) })
    const binary = APIGatewayProxyEventV2Schema.parse(received[1]!.event)
    expect(binary).toMatchObject({ isBase64Encoded: true, body: Buffer.from([0, 1, 2]).toString('base64'), pathParameters: { path: 'a/b.bin' } })
  })

  test('a structured result sets status, headers, cookies and a base64 body; unrouted paths are 404 as API Gateway answers', async () => {
    const res = await fetch(`http://127.0.0.1:${api.port}/files/x`, { method: 'POST' })
    expect(res.status).toBe(201)
    expect(res.headers.get('x-id')).toBe('Files')
    expect(res.headers.get('set-cookie')).toBe('a=1')
    expect(await res.text()).toBe('hi')
    const missing = await fetch(`http://127.0.0.1:${api.port}/nowhere`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ message: 'Not Found' })
  })

  test('a crashing function is a 500 as API Gateway answers it', async () => {
    const saved = answer
    answer = () => ({ ok: false, error: { errorType: 'Error', errorMessage: 'x' } })
    const res = await fetch(`http://127.0.0.1:${api.port}/api/v1/users/me`)
    answer = saved
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ message: 'Internal Server Error' })
  })
})

test('routes: literal segments beat parameters, methods must match, {proxy+} takes the rest', () => {
  const match = createRouteMatcher(app.routes)
  expect(match('GET', '/api/v1/users/me')?.route.functionId).toBe('Me')
  expect(match('GET', '/api/v1/users/42')).toMatchObject({ route: { functionId: 'GetUser' }, parameters: { userId: '42' } })
  expect(match('POST', '/api/v1/users/42')).toBeUndefined()
  expect(match('DELETE', '/files/a/b/c')).toMatchObject({ route: { functionId: 'Files' }, parameters: { path: 'a/b/c' } })
  expect(match('GET', '/files')).toBeUndefined()
})

