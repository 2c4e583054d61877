import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { APIGatewayProxyEventV2Schema, EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { HandledError, ServiceBuilder, StatusCode } from '../../../runtime/index.ts'
import { MemoryConfigStore, MemoryStateStore } from '../../../runtime/stores/memory.ts'
import { createCommand } from '../../../runtime/service/context.ts'
import { commandFunction } from './command-function.ts'
import { subscriptionFunction } from './subscription-function.ts'
import { ServiceBuilder as LambdaServiceBuilder } from './purista.ts'
import { LambdaInvoker } from './invoker.ts'
import { EventPublisher } from './publisher.ts'
import { NoStateStore } from './no-state-store.ts'

// Only AWS's own APIs are mocked; the events are checked against Powertools' schemas of the real shapes.
const eventBridge = mockClient(EventBridgeClient)
const lambda = mockClient(LambdaClient)
afterEach(() => (eventBridge.reset(), lambda.reset()))

const options = { name: 'test', logLevel: 'fatal' as const, commandTimeoutMs: 1_000, http: { port: 0, bodyLimit: 1024 }, stores: { config: 'memory' as const, secret: 'memory' as const, envPrefix: '' } }
const service = new ServiceBuilder({ serviceName: 'User', serviceVersion: '1', serviceDescription: '' })
const states = new MemoryStateStore()
const configs = { configStore: new MemoryConfigStore(), secretStore: new MemoryConfigStore() }
const register = service
  .getCommandBuilder('register', '')
  .addPayloadSchema(z.object({ name: z.string() }))
  .addParameterSchema(z.object({ team: z.string(), tag: z.string().optional() }))
  .addOutputSchema(z.object({ id: z.string(), team: z.string(), tag: z.string().optional(), greeting: z.string() }))
  .exposeAsHttpEndpoint('POST', 'teams/:team/users')
  .addQueryParameters({ name: 'tag', required: false })
  .setSuccessEventName('userRegistered')
  .canInvoke('Greeter', '1', 'greet')
  .setCommandFunction(async (context, payload, parameter) => {
    if (payload.name === 'taken') throw new HandledError(StatusCode.Conflict, 'name taken', { name: payload.name })
    if (payload.name === 'crash') throw new Error('secret internals')
    const greeting = (await (context.service as any).Greeter['1'].greet({ name: payload.name })) as string
    await context.states.setState('last', payload.name)
    return { id: 'u1', team: parameter.team, tag: parameter.tag, greeting }
  })

function httpEvent(overrides: Record<string, unknown> = {}) {
  const body = JSON.stringify({ name: 'Ada' })
  return APIGatewayProxyEventV2Schema.parse({
    version: '2.0',
    routeKey: 'POST /api/v1/teams/{team}/users',
    rawPath: '/api/v1/teams/red%20team/users',
    rawQueryString: 'tag=x&tag=y&other=1',
    cookies: ['session=abc', 'theme=dark'],
    headers: { 'content-type': 'application/json', 'x-trace-id': 'trace-http-1', host: 'api.example.com' },
    queryStringParameters: { tag: 'x,y', other: '1' },
    pathParameters: { team: 'red%20team' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: 'POST', path: '/api/v1/teams/red%20team/users', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'r1',
      routeKey: 'POST /api/v1/teams/{team}/users',
      stage: '$default',
      time: '12/Mar/2020:19:03:58 +0000',
      timeEpoch: 1583348638390,
    },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
    ...overrides,
  })
}

const greeterAnswers = (output: unknown) =>
  lambda.on(InvokeCommand).callsFake((input) => {
    const command = JSON.parse(Buffer.from(input.Payload).toString())
    return { StatusCode: 200, Payload: Buffer.from(JSON.stringify({ ...command, messageType: 'commandSuccessResponse', payload: output })) }
  })

function registerHandler() {
  process.env.PURISTA_INVOKE_Greeter_1_greet = 'app-Greeter-v1-greet'
  eventBridge.on(PutEventsCommand).callsFake((input) => ({ FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: 'e' })) }))
  return commandFunction(service, register, options, {
    publisher: new EventPublisher({ busName: 'bus', client: new EventBridgeClient({ region: 'us-east-1' }) }),
    invoker: new LambdaInvoker(new LambdaClient({ region: 'us-east-1' })),
    stateStore: () => states,
    ...configs,
  })
}

describe('a command function', () => {
  test('an HTTP API request (base64 body, encoded path parameter, repeated query) answers like the monolith', async () => {
    greeterAnswers('hello Ada')
    const result = (await registerHandler()(httpEvent())) as { statusCode: number; headers: Record<string, string>; body: string }
    expect(result.statusCode).toBe(200)
    expect(result.headers).toEqual({ 'x-trace-id': 'trace-http-1', 'content-type': 'application/json' })
    // The first value of a repeated query parameter wins, as in the monolith; undeclared ones are dropped.
    expect(JSON.parse(result.body)).toEqual({ id: 'u1', team: 'red team', tag: 'x', greeting: 'hello Ada' })
    expect((await states.getState('last')).last).toBe('Ada')
  })

  test('canInvoke calls the target function only, with the envelope; the success event goes to the bus', async () => {
    greeterAnswers('hi')
    await registerHandler()(httpEvent())
    const invoke = lambda.commandCalls(InvokeCommand)[0]!.args[0].input
    expect(invoke).toMatchObject({ FunctionName: 'app-Greeter-v1-greet', InvocationType: 'RequestResponse' })
    expect(JSON.parse(Buffer.from(invoke.Payload as Uint8Array).toString())).toMatchObject({
      messageType: 'command',
      traceId: 'trace-http-1',
      receiver: { serviceName: 'Greeter', serviceVersion: '1', serviceTarget: 'greet' },
      payload: { payload: { name: 'Ada' } },
    })
    const entry = eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]!
    expect(entry).toMatchObject({ EventBusName: 'bus', Source: 'purista', DetailType: 'userRegistered' })
    expect(JSON.parse(entry.Detail!)).toMatchObject({ eventName: 'userRegistered', traceId: 'trace-http-1', messageType: 'commandSuccessResponse' })
  })

  test('errors are problem+json with the trace id: 400 with issues, 409 with data, 415, 413, 500 without internals', async () => {
    greeterAnswers('hi')
    const handler = registerHandler()
    const call = async (overrides: Record<string, unknown>) => {
      const result = (await handler(httpEvent(overrides))) as { statusCode: number; headers: Record<string, string>; body: string }
      expect(result.headers['content-type']).toBe('application/problem+json')
      expect(result.headers['x-trace-id']).toBe('trace-http-1')
      return { status: result.statusCode, body: JSON.parse(result.body) }
    }
    expect(await call({ body: '{"name":1}', isBase64Encoded: false })).toMatchObject({ status: 400, body: { issues: [{ path: 'name' }] } })
    expect(await call({ body: '{"name":"taken"}', isBase64Encoded: false })).toMatchObject({ status: 409, body: { detail: 'name taken', data: { name: 'taken' } } })
    expect(await call({ headers: { 'content-type': 'application/octet-stream', 'x-trace-id': 'trace-http-1' } })).toMatchObject({ status: 415 })
    expect(await call({ body: JSON.stringify({ name: 'x'.repeat(2000) }), isBase64Encoded: false })).toMatchObject({ status: 413 })
    const crash = await call({ body: '{"name":"crash"}', isBase64Encoded: false })
    expect(crash).toMatchObject({ status: 500, body: { title: 'Internal Server Error' } })
    expect(JSON.stringify(crash.body)).not.toContain('secret internals')
  })

  test('a failed canInvoke target is a 502, not a hang', async () => {
    lambda.on(InvokeCommand).callsFake(() => ({ StatusCode: 200, FunctionError: 'Unhandled', Payload: Buffer.from('{"errorMessage":"boom"}') }))
    const result = (await registerHandler()(httpEvent())) as { statusCode: number }
    expect(result.statusCode).toBe(502)
  })

  test('a direct invocation (another function calling canInvoke) gets the response envelope', async () => {
    greeterAnswers('hi')
    const command = createCommand({ serviceName: 'User', serviceVersion: '1', serviceTarget: 'register' }, { serviceName: 'Other', serviceVersion: '1', serviceTarget: 'x' }, { name: 'taken' }, { team: 't' }, { traceId: 'trace-direct', principalId: 'user-7', tenantId: 'acme' })
    const response = await registerHandler()(command)
    expect(response).toMatchObject({ messageType: 'commandErrorResponse', traceId: 'trace-direct', correlationId: command.correlationId, payload: { status: 409, message: 'name taken' } })
  })

  test("with the app's auth guard: 401 without a principal, the guard's 403, and the principal in the envelope", async () => {
    const whoami = service
      .getCommandBuilder('whoami', '')
      .addOutputSchema(z.string(), 'text/plain')
      .exposeAsHttpEndpoint('GET', 'whoami')
      .setCommandFunction(async (context) => `${context.message.principalId}@${context.message.tenantId}`)
    const authGuard = ({ headers }: { headers: Readonly<Record<string, string | string[] | undefined>> }) => {
      if (headers.authorization === 'Bearer banned') throw new HandledError(StatusCode.Forbidden)
      return headers.authorization === 'Bearer ada' ? { principalId: 'ada', tenantId: 'acme' } : undefined
    }
    const handler = commandFunction(service, whoami, options, { stateStore: () => states, authGuard, ...configs })
    const get = async (authorization?: string) => (await handler(httpEvent({ body: undefined, isBase64Encoded: false, headers: { ...(authorization && { authorization }) } }))) as { statusCode: number; headers: Record<string, string>; body: string }
    expect(await get()).toMatchObject({ statusCode: 401, headers: { 'content-type': 'application/problem+json' } })
    expect(await get('Bearer banned')).toMatchObject({ statusCode: 403 })
    expect(await get('Bearer ada')).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ada@acme' })
  })

  test('an event it cannot handle is a clear error', async () => {
    await expect(registerHandler()({ hello: 'world' })).rejects.toThrow('User v1 register cannot handle this event: expected an HTTP API (payload 2.0) request or a purista command message')
  })
})

describe('a subscription function', () => {
  const seen: unknown[] = []
  const welcome = service
    .getSubscriptionBuilder('welcome', '')
    .subscribeToEvent('userRegistered')
    .addPayloadSchema(z.object({ id: z.string() }))
    .setSubscriptionFunction(async (context, payload) => {
      if (payload.id === 'fail') throw new Error('cannot')
      seen.push({ payload, traceId: context.message.traceId, principalId: context.message.principalId })
    })
  const handler = subscriptionFunction(service, welcome.getDefinition(), options, { stateStore: () => states, ...configs })
  const eventBridgeEvent = (detail: Record<string, unknown>) =>
    EventBridgeSchema.parse({
      version: '0',
      id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      'detail-type': 'userRegistered',
      source: 'purista',
      account: '123456789012',
      time: '2026-11-21T18:43:48Z',
      region: 'us-east-1',
      resources: [],
      detail: { messageType: 'commandSuccessResponse', eventName: 'userRegistered', traceId: 'trace-event', principalId: 'user-7', sender: { serviceName: 'User', serviceVersion: '1', serviceTarget: 'register' }, ...detail },
    })

  test('takes the envelope from the EventBridge detail: payload, trace id and principal arrive', async () => {
    await handler(eventBridgeEvent({ payload: { id: 'u1' } }))
    expect(seen).toEqual([{ payload: { id: 'u1' }, traceId: 'trace-event', principalId: 'user-7' }])
  })

  test('a failure throws, so EventBridge retries and then dead-letters the event', async () => {
    await expect(handler(eventBridgeEvent({ payload: { id: 'fail' } }))).rejects.toThrow('cannot')
    await expect(handler(eventBridgeEvent({ payload: { wrong: true } }))).rejects.toMatchObject({ errorCode: 400 })
  })

  test('a function whose build found no use of context.states gets a stand-in store that says why', async () => {
    const stateless = service.getSubscriptionBuilder('stateless', '').subscribeToEvent('userRegistered').setSubscriptionFunction(async (context) => void (await context.states.getState('x')))
    await expect(subscriptionFunction(service, stateless, options, { stateStore: () => new NoStateStore('User v1 stateless'), ...configs })(eventBridgeEvent({ payload: {} }))).rejects.toThrow(/User v1 stateless has no state store: purista found no use of context.states/)
  })
})

test('inside a Lambda bundle, getInstance() explains that purista runs each definition as a function', () => {
  const builder = new LambdaServiceBuilder({ serviceName: 'User', serviceVersion: '1', serviceDescription: '' })
  expect(() => builder.getInstance()).toThrow('getInstance() of User was called inside a Lambda function')
})
