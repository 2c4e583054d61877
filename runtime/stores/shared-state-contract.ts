import { expect, test } from 'vitest'
import type { ServiceInfo } from '../builders/types.ts'
import type { StateStore } from './types.ts'

const user: ServiceInfo = { serviceName: 'User', serviceVersion: '1', serviceDescription: '' }

/**
 * What every store that shares state between processes must do, whatever keeps it (Redis for
 * containers, DynamoDB for Lambda): run by each store's own test file against the real thing.
 */
export function sharedStateContract(kind: string, storeFor: (service: ServiceInfo) => StateStore) {
  test(`${kind}: what one instance stores, another instance of the service finds`, async () => {
    const first = storeFor(user)
    const second = storeFor(user)
    await first.setState('user:1', { name: 'Ada', tags: ['x'], age: 36, nested: { ok: true } })
    expect(await second.getState('user:1', 'user:2')).toEqual({ 'user:1': { name: 'Ada', tags: ['x'], age: 36, nested: { ok: true } }, 'user:2': undefined })
    await second.removeState('user:1')
    expect(await first.getState('user:1')).toEqual({ 'user:1': undefined })
  })

  test(`${kind}: services and versions do not see each other`, async () => {
    await storeFor(user).setState('k', 1)
    expect(await storeFor({ ...user, serviceVersion: '2' }).getState('k')).toEqual({ k: undefined })
    expect(await storeFor({ ...user, serviceName: 'Email' }).getState('k')).toEqual({ k: undefined })
  })
}
