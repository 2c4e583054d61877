import { expect, expectTypeOf, test } from 'vitest'
import { DefaultEventBridge } from '../bridge/default-event-bridge.ts'
import { createLogger } from '../core/logger.ts'
import { ServiceBuilder } from './service-builder.ts'

interface Db {
  find(id: string): string
}

const builder = new ServiceBuilder({ serviceName: 'Shop', serviceVersion: '1', serviceDescription: 'resources' }).defineResource<'db', Db>()

test("defineResource<'db', Db>() types context.resources.db in the service's functions", () => {
  builder.getCommandBuilder('find', 'reads the db').setCommandFunction(async (context) => {
    expectTypeOf(context.resources.db).toEqualTypeOf<Db>()
    return context.resources.db.find('1')
  })
  builder
    .getSubscriptionBuilder('onOrder', 'reads the db')
    .subscribeToEvent('ordered')
    .setSubscriptionFunction(async (context) => {
      expectTypeOf(context.resources.db).toEqualTypeOf<Db>()
      // @ts-expect-error only declared resources exist
      void context.resources.cache
    })
})

test('getInstance needs the declared resources, and every function of the service reaches the same ones', async () => {
  const seen: string[] = []
  const onOrder = builder
    .getSubscriptionBuilder('onOrder', 'reads the db')
    .subscribeToEvent('ordered')
    .setSubscriptionFunction(async (context) => void seen.push(context.resources.db.find('42')))
  const service = builder.addSubscriptionDefinition(onOrder.getDefinition())
  const bridge = new DefaultEventBridge()
  const logger = createLogger({ sink: () => {} })
  // @ts-expect-error resources are required once declared
  expect(() => service.getInstance(bridge, { logger })).toThrow(/declares resources with defineResource\(\)/)

  const running = service.getInstance(bridge, { logger, resources: { db: { find: (id) => `order ${id}` } } })
  await running.start()
  await bridge.emit({ id: '1', timestamp: 0, messageType: 'customMessage', contentType: 'application/json', contentEncoding: 'utf-8', traceId: 't', correlationId: 'c', eventName: 'ordered', sender: { serviceName: 'X', serviceVersion: '1', serviceTarget: 'x' }, payload: {} })
  await new Promise((resolve) => setImmediate(resolve))
  expect(seen).toEqual(['order 42'])
})
