/**
 * Type-level tests: `tsc --noEmit` (part of `npm test`) fails if an inferred type changes or if an
 * `@ts-expect-error` line starts compiling. Vitest runs the same file for the runtime half.
 */
import { expect, expectTypeOf, test } from 'vitest'
import { z } from 'zod'
import { ServiceBuilder, StatusCode, type CommandDefinitionList, type ServiceInfoType, type SubscriptionDefinitionList } from '../index.ts'

const svc = new ServiceBuilder({ serviceName: 'Types', serviceVersion: '1', serviceDescription: '' })

test('payload, parameter and output types come from the schemas', () => {
  const command = svc
    .getCommandBuilder('typed', '')
    .addPayloadSchema(z.object({ email: z.string(), age: z.number().optional() }))
    .addParameterSchema(z.object({ id: z.string(), page: z.coerce.number() }))
    .addOutputSchema(z.object({ ok: z.boolean() }))
    .canInvoke('User', '1', 'getUser', z.object({ name: z.string() }), z.object({ userId: z.string() }))
    .canEmit('typedEvent', z.object({ n: z.number() }))
    .setCommandFunction(async function (context, payload, parameter) {
      expectTypeOf(payload).toEqualTypeOf<{ email: string; age?: number | undefined }>()
      expectTypeOf(parameter).toEqualTypeOf<{ id: string; page: number }>()
      const user = await context.service.User['1'].getUser({ userId: 'u' })
      expectTypeOf(user).toEqualTypeOf<{ name: string }>()
      await context.emit('typedEvent', { n: 1 })
      // @ts-expect-error the event payload must match its schema
      await context.emit('typedEvent', { n: 'one' })
      // @ts-expect-error invoke payloads are typed from the declared schema
      await context.service.User['1'].getUser({ id: 1 })
      return { ok: true }
    })
  expect(command.getDefinition().invokes).toEqual([{ serviceName: 'User', serviceVersion: '1', serviceTarget: 'getUser' }])
})

test('the function must return what the output schema says', () => {
  const builder = svc.getCommandBuilder('wrongOutput', '').addOutputSchema(z.object({ ok: z.boolean() }))
  // @ts-expect-error returns a string where { ok: boolean } is declared
  builder.setCommandFunction(async () => 'nope')
  expect(builder.getDefinition().outputSchema).toBeDefined()
})

test('undeclared invocations and events do not compile', () => {
  const builder = svc.getCommandBuilder('undeclared', '').setCommandFunction(async function (context) {
    // @ts-expect-error User was never declared with canInvoke
    await context.service.User['1'].getUser({})
    // @ts-expect-error no event was declared with canEmit
    await context.emit('anything', {})
  })
  expect(builder.getDefinition().emits).toEqual([])
})

test('subscriptions are typed the same way, including their output event', () => {
  const sub = svc
    .getSubscriptionBuilder('typedSub', '')
    .subscribeToEvent('userRegistered')
    .addPayloadSchema(z.object({ userId: z.string() }))
    .addOutputSchema('welcomed', z.object({ userId: z.string(), at: z.number() }))
    .setSubscriptionFunction(async function (_context, payload) {
      expectTypeOf(payload).toEqualTypeOf<{ userId: string }>()
      return { userId: payload.userId, at: 1 }
    })
  // @ts-expect-error the output must match the output schema
  sub.setSubscriptionFunction(async () => ({ userId: 1 }))
  expect(sub.getDefinition()).toMatchObject({ eventName: 'userRegistered', outputEventName: 'welcomed', durable: true })
})

test("PURISTA's OpenAPI and security methods chain with the types intact and land in the definition", () => {
  const command = svc
    .getCommandBuilder('documented', 'reads')
    .addPayloadSchema(z.object({ id: z.string() }))
    .exposeAsHttpEndpoint('GET', 'documented/:id?')
    .disableHttpSecurity()
    .addOpenApiTags('Docs')
    .setOpenApiSummary('documented')
    .setOpenApiOperationId('documentedOp')
    .addOpenApiErrorStatusCodes(StatusCode.NotFound)
    .markAsDeprecated()
    .setCommandFunction(async function (_context, payload) {
      expectTypeOf(payload).toEqualTypeOf<{ id: string }>()
    })
  expect(command.getDefinition().http).toMatchObject({ isPublic: true, openApi: { tags: ['Docs'], summary: 'documented', operationId: 'documentedOp', errorStatusCodes: [404], deprecated: true } })
  const cache = svc.getSubscriptionBuilder('cache', '').subscribeToEvent('documented', '1').receiveMessageOnEveryInstance().setSubscriptionFunction(async () => {})
  expect(cache.getDefinition()).toMatchObject({ eventServiceVersion: '1', everyInstance: true, durable: false })
})

test("a command's adviceAutoacknowledgeMessages() keeps the chain typed and changes nothing (the build warns)", () => {
  const acknowledged = svc
    .getCommandBuilder('acknowledged', '')
    .addPayloadSchema(z.object({ id: z.string() }))
    .adviceAutoacknowledgeMessages()
    .setCommandFunction(async function (_context, payload) {
      expectTypeOf(payload).toEqualTypeOf<{ id: string }>()
    })
  const filtered = svc.getSubscriptionBuilder('filtered', '').filterTenantId('acme').adviceAutoacknowledgeMessage(true).subscribeToEvent('x')
  expectTypeOf(filtered).toHaveProperty('setSubscriptionFunction')
  expect(acknowledged.getDefinition()).not.toHaveProperty('autoacknowledge')
})

test('guard hooks and transforms are typed from the schemas declared before them', () => {
  const command = svc
    .getCommandBuilder('guardedTyped', '')
    .addPayloadSchema(z.object({ amount: z.number() }))
    .addParameterSchema(z.object({ shop: z.string() }))
    .addOutputSchema(z.object({ total: z.number() }))
    .setTransformInput(z.string(), z.object({ shop: z.string() }), async (_context, text, parameter) => {
      expectTypeOf(text).toEqualTypeOf<string>()
      return { payload: { amount: Number(text) }, parameter: { shop: parameter.shop } }
    })
    .setBeforeGuardHooks({
      isOwner: async (context, payload, parameter) => {
        expectTypeOf(payload).toEqualTypeOf<Readonly<{ amount: number }>>()
        expectTypeOf(parameter).toEqualTypeOf<Readonly<{ shop: string }>>()
        expectTypeOf(context.message.principalId).toEqualTypeOf<string | undefined>()
      },
    })
    .setAfterGuardHooks({
      small: async (_context, result, payload) => {
        expectTypeOf(result).toEqualTypeOf<Readonly<{ total: number }>>()
        expectTypeOf(payload).toEqualTypeOf<Readonly<{ amount: number }>>()
      },
    })
    .setTransformOutput(z.string(), async (_context, output, parameter) => `${parameter.shop}: ${output.total}`)
    .exposeAsHttpEndpoint('POST', 'orders', 'text/plain', undefined, 'text/plain')
    .setCommandFunction(async function (_context, payload) {
      expectTypeOf(payload).toEqualTypeOf<{ amount: number }>()
      return { total: payload.amount }
    })
  // @ts-expect-error the input transform must return what the payload schema takes
  command.setTransformInput(z.string(), z.object({}), async () => ({ payload: { amount: 'one' }, parameter: { shop: 's' } }))
  // @ts-expect-error the output transform must return what its schema takes
  command.setTransformOutput(z.string(), async (_context, output) => output.total)
  expect(command.getDefinition().http).toMatchObject({ contentType: 'text/plain', responseContentType: 'text/plain', isPublic: false })
  expect(command.enableHttpSecurity(false).getDefinition().http?.isPublic).toBe(true)
})

test("a subscription's guard hooks and transforms are typed from the schemas declared before them, as a command's", () => {
  const subscription = svc
    .getSubscriptionBuilder('auditTyped', '')
    .subscribeToEvent('orderPlaced')
    .addPayloadSchema(z.object({ orderId: z.string() }))
    .addOutputSchema('orderAudited', z.object({ audited: z.boolean() }))
    .setTransformInput(z.object({ id: z.string() }), z.object({}), async (_context, event, parameter) => {
      expectTypeOf(event).toEqualTypeOf<Readonly<{ id: string }>>()
      return { payload: { orderId: event.id }, parameter }
    })
    .setBeforeGuardHooks({
      fromShop: async (context, payload) => {
        expectTypeOf(payload).toEqualTypeOf<Readonly<{ orderId: string }>>()
        expectTypeOf(context.message.principalId).toEqualTypeOf<string | undefined>()
      },
    })
    .setAfterGuardHooks({
      // PURISTA passes a subscription's after guard the output and the parameter, not the payload.
      audited: async (_context, result) => {
        expectTypeOf(result).toEqualTypeOf<Readonly<{ audited: boolean }>>()
      },
    })
    .setTransformOutput(z.object({ orderId: z.string(), audited: z.boolean() }), async (_context, output) => ({ orderId: 'o', ...output }))
    .setSubscriptionFunction(async function (_context, payload) {
      expectTypeOf(payload).toEqualTypeOf<{ orderId: string }>()
      return { audited: true }
    })
  // @ts-expect-error the input transform must return what the payload schema takes
  subscription.setTransformInput(z.object({}), z.object({}), async () => ({ payload: { orderId: 1 }, parameter: {} }))
  // @ts-expect-error the output transform must return what its schema takes
  subscription.setTransformOutput(z.object({ orderId: z.string() }), async (_context, output) => output.audited)
  expect(Object.keys(subscription.getDefinition().hooks!.beforeGuards)).toEqual(['fromShop'])
})

test("PURISTA's type names for service info and definition lists", () => {
  const info: ServiceInfoType = svc.info
  const commands: CommandDefinitionList<unknown> = [svc.getCommandBuilder('listed', '').setCommandFunction(async () => 1).getDefinition()]
  const subscriptions: SubscriptionDefinitionList = [svc.getSubscriptionBuilder('listedSub', '').subscribeToEvent('e').setSubscriptionFunction(async () => {}).getDefinition()]
  expectTypeOf(info).toEqualTypeOf<{ serviceName: string; serviceVersion: string; serviceDescription: string }>()
  expect(new ServiceBuilder(info).addCommandDefinition(...commands).addSubscriptionDefinition(...subscriptions).getCommandDefinitions()).toHaveLength(1)
})
