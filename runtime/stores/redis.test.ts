import { afterAll, expect, test } from 'vitest'
import { requireBroker } from '../bridges/broker-env.ts'
import { closeRedisClients, RedisStateStore } from './redis.ts'

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = `purista-test-${process.pid}`
const user = { serviceName: 'User', serviceVersion: '1', serviceDescription: '' }

if (await requireBroker('Redis', url)) {
  afterAll(closeRedisClients)

  test('what one instance stores, another instance of the service finds', async () => {
    const first = new RedisStateStore({ service: user, url, prefix })
    const second = new RedisStateStore({ service: user, url, prefix })
    await first.setState('user:1', { name: 'Ada', tags: ['x'] })
    expect(await second.getState('user:1', 'user:2')).toEqual({ 'user:1': { name: 'Ada', tags: ['x'] }, 'user:2': undefined })
    await second.removeState('user:1')
    expect(await first.getState('user:1')).toEqual({ 'user:1': undefined })
  })

  test('services and versions do not see each other', async () => {
    await new RedisStateStore({ service: user, url, prefix }).setState('k', 1)
    expect(await new RedisStateStore({ service: { ...user, serviceVersion: '2' }, url, prefix }).getState('k')).toEqual({ k: undefined })
    expect(await new RedisStateStore({ service: { ...user, serviceName: 'Email' }, url, prefix }).getState('k')).toEqual({ k: undefined })
  })

  test('an unreachable Redis is a 503 naming it, not a crash', async () => {
    const store = new RedisStateStore({ service: user, url: 'redis://127.0.0.1:1', prefix })
    await expect(store.getState('k')).rejects.toMatchObject({ errorCode: 503, message: expect.stringContaining('Redis at redis://127.0.0.1:1') })
  })
}
