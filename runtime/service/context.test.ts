import { expect, test } from 'vitest'
import { createLogger } from '../core/logger.ts'
import { MemoryConfigStore, MemoryStateStore } from '../stores/memory.ts'
import { createCommand, declarationsOf, FunctionContext, type ContextDeps } from './context.ts'
import { invokeProxy } from './invoke-proxy.ts'

const address = { serviceName: 'User', serviceVersion: '1', serviceTarget: 'register' }
const calls: unknown[] = []
const deps = (serviceProxy?: ContextDeps['serviceProxy']): ContextDeps => ({
  bridge: { invoke: async (command) => (calls.push(command), 'ok'), emit: async () => {} },
  logger: createLogger({ level: 'fatal' }),
  states: new MemoryStateStore(),
  configs: new MemoryConfigStore(),
  secrets: new MemoryConfigStore(),
  serviceProxy,
})
const message = createCommand(address, { serviceName: 'Caller', serviceVersion: '1', serviceTarget: 'x' }, {}, {}, { traceId: 't-1' })
const declarations = declarationsOf(address, { invokes: [{ serviceName: 'Audit', serviceVersion: '1', serviceTarget: 'record' }], emits: [] })

test('context.service calls declared targets through the bridge, with the trace id', async () => {
  const service = new FunctionContext(message, deps(invokeProxy), declarations).service
  await expect(service.Audit['1'].record({ a: 1 })).resolves.toBe('ok')
  expect(calls).toMatchObject([{ receiver: { serviceName: 'Audit', serviceTarget: 'record' }, traceId: 't-1', payload: { payload: { a: 1 } } }])
  expect(() => service.Audit['1'].erase).toThrow('User v1 register invokes Audit.1.erase without declaring it: add .canInvoke(...)')
})

test('without a service proxy (a Lambda function that declared no targets), any call is the same clear error', () => {
  const service = new FunctionContext(message, deps(), declarationsOf(address, { invokes: [], emits: [] })).service
  expect(() => service.Audit).toThrow('User v1 register invokes Audit without declaring it: add .canInvoke(...)')
  // Awaiting the proxy, or printing it, is not a call.
  expect(service.then).toBeUndefined()
})
