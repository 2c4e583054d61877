import { afterEach, expect, test, vi } from 'vitest'
import { createLogger } from '../core/logger.ts'
import { DefaultConfigStore, DefaultSecretStore, DefaultStateStore } from '../stores/default-stores.ts'
import { gracefulShutdown, shutDownInOrder } from './graceful-shutdown.ts'

const logged = () => {
  const lines: Record<string, unknown>[] = []
  return { lines, logger: createLogger({ sink: (line) => lines.push(JSON.parse(line)) }) }
}

// gracefulShutdown's handlers are removed after each test; the test runner's own stay.
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const
const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]))
afterEach(() => {
  vi.restoreAllMocks()
  for (const signal of SIGNALS) for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener)
})

test('entries are destroyed in order; one that fails is logged and the others still stop', async () => {
  const { logger, lines } = logged()
  const order: string[] = []
  const ok = await shutDownInOrder(logger, [
    { name: 'bridge', destroy: async () => void order.push('bridge') },
    { info: { serviceName: 'User', serviceVersion: '1', serviceDescription: '' }, destroy: async () => Promise.reject(new Error('stuck')) },
    new DefaultStateStore(),
  ])
  expect(ok).toBe(false)
  expect(order).toEqual(['bridge'])
  expect(lines.map((l) => l.msg)).toEqual(['bridge shut down', 'User v1 failed to shut down', 'DefaultStateStore shut down'])
  expect(lines[1]).toMatchObject({ level: 'error', error: { message: 'stuck' } })
})

test('on SIGTERM it shuts the entries down and exits 0', async () => {
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
  const destroyed: string[] = []
  gracefulShutdown(logged().logger, [{ name: 'a', destroy: async () => void destroyed.push('a') }])
  process.emit('SIGTERM')
  await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0))
  expect(destroyed).toEqual(['a'])
})

test("PURISTA's default stores take its constructor shape and read like purista's memory stores", async () => {
  await expect(new DefaultConfigStore({ config: { emailProviderUrl: 'https://example.com' } }).getConfig('emailProviderUrl', 'other')).resolves.toEqual({ emailProviderUrl: 'https://example.com', other: undefined })
  await expect(new DefaultSecretStore({ config: { token: 's3cret' } }).getSecret('token')).resolves.toEqual({ token: 's3cret' })
  await expect(new DefaultSecretStore({ config: { token: 's3cret' }, enableGet: false }).getSecret('token')).rejects.toMatchObject({ errorCode: 401 })
  const states = new DefaultStateStore({ config: { counter: 1 } })
  await states.setState('user', { name: 'Ada' })
  await expect(states.getState('counter', 'user')).resolves.toEqual({ counter: 1, user: { name: 'Ada' } })
})
