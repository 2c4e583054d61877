import { expect, test } from 'vitest'
import { z } from 'zod'
import { DefaultEventBridge, ServiceBuilder, type EventMessage } from '../index.ts'
import { createLogger } from '../core/logger.ts'
import { createCommand, createEvent } from './context.ts'

// `this` in a function written with `function`, as PURISTA binds it: the service instance.
const silent = createLogger({ sink: () => {} })
const caller = { serviceName: 'Test', serviceVersion: '1', serviceTarget: 'test' }
const configSchema = z.object({ greeting: z.string(), times: z.number().int().positive() })

function greeterService() {
  const builder = new ServiceBuilder({ serviceName: 'Greeter', serviceVersion: '1', serviceDescription: '' }).setConfigSchema(configSchema).setDefaultConfig({ times: 1 })
  const seen: unknown[] = []
  const greet = builder
    .getCommandBuilder('greet', '')
    .addPayloadSchema(z.object({ name: z.string() }))
    .setCommandFunction(async function (_context, { name }) {
      // this.config is typed by setConfigSchema's schema, as in PURISTA.
      // @ts-expect-error not a field of the config schema
      void this.config.nope
      return this.getTracer().startActiveSpan('greeting', async (span) => {
        span.setAttribute('name', name).end()
        return `${this.config.greeting}, ${name}`.repeat(this.config.times)
      })
    })
  const listen = builder
    .getSubscriptionBuilder('listen', '')
    .subscribeToEvent('greeted')
    .setSubscriptionFunction(async function (_context, payload) {
      seen.push({ payload, greeting: this.config.greeting, service: this.info.serviceName })
    })
  builder.addCommandDefinition(greet.getDefinition()).addSubscriptionDefinition(listen.getDefinition())
  return { builder, seen }
}

test('commands and subscriptions see the service as this: config (defaults, then serviceConfig), info, a tracer', async () => {
  const { builder, seen } = greeterService()
  const bridge = new DefaultEventBridge({ logger: silent })
  const service = builder.getInstance(bridge, { logger: silent, serviceConfig: { greeting: 'Hello' } })
  await service.start()
  expect(service.config).toEqual({ greeting: 'Hello', times: 1 })

  const receiver = { serviceName: 'Greeter', serviceVersion: '1', serviceTarget: 'greet' }
  expect(await bridge.invoke(createCommand(receiver, caller, { name: 'Ada' }, {}, { traceId: 't' }))).toBe('Hello, Ada')
  await bridge.emit(createEvent('greeted', { name: 'Ada' }, caller, { traceId: 't' }, 'customMessage') as EventMessage)
  await new Promise((resolve) => setTimeout(resolve, 10))
  expect(seen).toEqual([{ payload: { name: 'Ada' }, greeting: 'Hello', service: 'Greeter' }])
  await service.stop()
})

test('an invalid or missing config value fails getInstance, naming each field', () => {
  const { builder } = greeterService()
  const bridge = new DefaultEventBridge({ logger: silent })
  expect(() => builder.getInstance(bridge, { logger: silent, serviceConfig: { times: 0 } })).toThrow(
    /^the config of service Greeter v1 is invalid: greeting: Invalid input: expected string, received undefined; times: Too small: expected number to be >0 /,
  )
})

test('a config schema that validates asynchronously is checked by start()', async () => {
  const asyncSchema = configSchema.refine(async (config) => config.greeting !== 'nope', { message: 'not a greeting', path: ['greeting'] })
  const builder = new ServiceBuilder({ serviceName: 'Async', serviceVersion: '1', serviceDescription: '' }).setConfigSchema(asyncSchema)
  const service = builder.getInstance(new DefaultEventBridge({ logger: silent }), { logger: silent, serviceConfig: { greeting: 'nope', times: 1 } })
  await expect(service.start()).rejects.toThrow('the config of service Async v1 is invalid: greeting: not a greeting')
})

test('testServiceSetup resolves true, or names a subscription used twice', async () => {
  const { builder } = greeterService()
  await expect(builder.testServiceSetup()).resolves.toBe(true)
  const again = builder.getSubscriptionBuilder('Listen', '').subscribeToEvent('greeted').setSubscriptionFunction(async () => {})
  builder.addSubscriptionDefinition(again.getDefinition())
  await expect(builder.testServiceSetup()).rejects.toThrow('service Greeter v1 has two subscriptions named listen')
})

test("serviceConfig is typed by the config schema's input: a value its defaults or transforms complete is optional there", () => {
  const withDefault = new ServiceBuilder({ serviceName: 'Typed', serviceVersion: '1', serviceDescription: '' }).setConfigSchema(
    z.object({ port: z.string().transform(Number), retries: z.number().default(3) }),
  )
  const bridge = new DefaultEventBridge({ logger: silent })
  // The input's types: port is the string the transform reads, retries may be left out.
  const service = withDefault.getInstance(bridge, { logger: silent, serviceConfig: { port: '8080' } })
  expect(service.config).toEqual({ port: 8080, retries: 3 })
  // @ts-expect-error the output's number is not what the schema takes in
  void (() => withDefault.getInstance(bridge, { serviceConfig: { port: 8080 } }))
})

test("getInstance takes PURISTA's logLevel, spanProcessor and metrics: the level sets the logger made for the service, the others change nothing", () => {
  const { builder } = greeterService()
  const lines: string[] = []
  const write = process.stdout.write
  process.stdout.write = ((line: string) => (lines.push(line), true)) as typeof process.stdout.write
  try {
    const service = builder.getInstance(new DefaultEventBridge({ logger: silent }), { logLevel: 'warn', spanProcessor: {}, metrics: {}, serviceConfig: { greeting: 'Hi' } })
    service.logger.info('hidden')
    service.logger.warn('shown')
  } finally {
    process.stdout.write = write
  }
  expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['shown'])
})

test("validateCommandDefinitions and validateSubscriptionDefinitions, PURISTA 1's synchronous checks, throw what testServiceSetup rejects with", () => {
  const { builder } = greeterService()
  expect(() => builder.validateCommandDefinitions()).not.toThrow()
  builder.addCommandDefinition(builder.getCommandBuilder('Greet', '').setCommandFunction(async () => {}).getDefinition())
  expect(() => builder.validateCommandDefinitions()).toThrow('service Greeter v1 has two commands named greet')
  expect(() => builder.validateSubscriptionDefinitions()).not.toThrow()
})
