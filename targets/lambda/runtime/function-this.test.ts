import { expect, test } from 'vitest'
import { z } from 'zod'
import { ServiceBuilder } from '../../../runtime/index.ts'
import { createCommand } from '../../../runtime/service/context.ts'
import { MemoryConfigStore, MemoryStateStore } from '../../../runtime/stores/memory.ts'
import { commandFunction } from './command-function.ts'

// A Lambda function runs its definition without a Service: `this` has the Service's shape all the same.
const options = (serviceConfig: Record<string, Record<string, unknown>>) => ({
  name: 'test',
  logLevel: 'fatal' as const,
  commandTimeoutMs: 1_000,
  http: { port: 0, bodyLimit: 1024 },
  stores: { config: 'memory' as const, secret: 'memory' as const, envPrefix: '' },
  serviceConfig,
})
const parts = { stateStore: () => new MemoryStateStore(), configStore: new MemoryConfigStore(), secretStore: new MemoryConfigStore() }
const builder = new ServiceBuilder({ serviceName: 'Mailer', serviceVersion: '1', serviceDescription: '' })
  .setConfigSchema(z.object({ sender: z.string().email(), retries: z.number().default(3) }))
  .setDefaultConfig({ sender: 'default@example.com' })
const whoAmI = builder.getCommandBuilder('whoAmI', '').setCommandFunction(async function () {
  return { config: this.config, service: this.info.serviceName, traced: this.getTracer().startActiveSpan('x', () => 'ran'), logs: typeof this.logger.info }
})
const caller = { serviceName: 'Other', serviceVersion: '1', serviceTarget: 'x' }
const call = createCommand({ serviceName: 'Mailer', serviceVersion: '1', serviceTarget: 'whoAmI' }, caller, undefined, {}, { traceId: 't' })

test('this.config comes from purista.config.ts (services.<name>.config) over the defaults, validated; info, logger and tracer are there', async () => {
  const handler = commandFunction(builder, whoAmI, options({ Mailer: { sender: 'hi@example.com' } }), parts)
  expect(await handler(call)).toMatchObject({
    messageType: 'commandSuccessResponse',
    payload: { config: { sender: 'hi@example.com', retries: 3 }, service: 'Mailer', traced: 'ran', logs: 'function' },
  })
})

test('an invalid config fails the function at init, naming the field', () => {
  expect(() => commandFunction(builder, whoAmI, options({ Mailer: { sender: 'not an email' } }), parts)).toThrow(/the config of service Mailer v1 is invalid: sender: Invalid email address/)
})
