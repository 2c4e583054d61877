import { expect, test } from 'vitest'
import { DefaultEventBridge, ServiceBuilder, createLogger } from '../index.ts'
import { startApp } from './start-app.ts'

test('close() lets an in-flight request finish, then refuses new connections', async () => {
  const svc = new ServiceBuilder({ serviceName: 'Slow', serviceVersion: '1', serviceDescription: '' })
  const slow = svc
    .getCommandBuilder('slow', '')
    .exposeAsHttpEndpoint('GET', 'slow')
    .setCommandFunction(() => new Promise((resolve) => setTimeout(() => resolve({ done: true }), 300)))
  svc.addCommandDefinition(slow.getDefinition())
  const logger = createLogger({ level: 'fatal' })
  const app = await startApp(
    [svc],
    { name: 'drain', logLevel: 'fatal', commandTimeoutMs: 5_000, http: { port: 0, bodyLimit: 1000 }, stores: { config: 'memory', secret: 'memory', envPrefix: '' } },
    { logger, bridge: new DefaultEventBridge({ logger }), role: 'all' },
  )
  const url = `http://127.0.0.1:${app.http!.port}/api/v1/slow`
  const inFlight = fetch(url)
  await new Promise((r) => setTimeout(r, 50))
  const closed = app.close()
  const response = await inFlight
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ done: true })
  await closed
  await expect(fetch(url)).rejects.toThrow()
})
