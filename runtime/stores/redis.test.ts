import { afterAll, expect, test } from 'vitest'
import { requireBroker } from '../bridges/broker-env.ts'
import { closeRedisClients, RedisStateStore } from './redis.ts'
import { sharedStateContract } from './shared-state-contract.ts'

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = `purista-test-${process.pid}`
const user = { serviceName: 'User', serviceVersion: '1', serviceDescription: '' }

if (await requireBroker('Redis', url)) {
  afterAll(closeRedisClients)

  sharedStateContract('Redis', (service) => new RedisStateStore({ service, url, prefix }))

  test('an unreachable Redis is a 503 naming it, not a crash', async () => {
    const store = new RedisStateStore({ service: user, url: 'redis://127.0.0.1:1', prefix })
    await expect(store.getState('k')).rejects.toMatchObject({ errorCode: 503, message: expect.stringContaining('Redis at redis://127.0.0.1:1') })
  })
}
