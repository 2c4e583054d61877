import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, expect, test } from 'vitest'
import { build } from '../../cli/build.ts'
import { removeProject, scratchProject } from '../../e2e/helpers.ts'

// A command and a subscription defined in one file: each function's code asks for both builders.
const dir = scratchProject({
  'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'kinds', src: 'src' })\n`,
  'src/builder.ts': `import { ServiceBuilder } from 'purista'\nexport const svcBuilder = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: '' })\n`,
  'src/ping.ts': `import { svcBuilder } from './builder.js'
export const ping = svcBuilder.getCommandBuilder('ping', '').exposeAsHttpEndpoint('GET', 'ping').setCommandFunction(async () => 'pong')
export const onPing = svcBuilder.getSubscriptionBuilder('onPing', '').subscribeToEvent('pinged').setSubscriptionFunction(async () => {})
`,
  'src/service.ts': `import { svcBuilder } from './builder.js'
import { onPing, ping } from './ping.js'
export const svc = svcBuilder.addCommandDefinition(ping.getDefinition()).addSubscriptionDefinition(onPing.getDefinition())
`,
})
afterAll(() => removeProject(dir))

const httpEvent = { version: '2.0', routeKey: 'GET /api/v1/ping', rawPath: '/api/v1/ping', rawQueryString: '', headers: {}, requestContext: { http: { method: 'GET', path: '/api/v1/ping' } }, isBase64Encoded: false }
const eventBridgeEvent = { 'detail-type': 'pinged', detail: { messageType: 'customMessage', eventName: 'pinged', traceId: 't', payload: {}, sender: { serviceName: 'Svc', serviceVersion: '1', serviceTarget: 'ping' } } }

test('a function whose code also defines the other kind is bundled with both definition builders, and loads', async () => {
  const report = await build({ configPath: join(dir, 'purista.config.ts'), target: 'lambda', outDir: join(dir, 'dist') })
  // (A warning remains: nothing emits 'pinged' in this small app.)
  expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const load = async (fn: string) => (await import(pathToFileURL(join(dir, 'dist/lambda/functions', fn, 'index.mjs')).href)).handler
  // Each import runs the user's file: with one builder missing it would throw while loading.
  const ping = await load('Svc-v1-ping')
  expect(await ping(httpEvent)).toMatchObject({ statusCode: 200, body: '"pong"' })
  const onPing = await load('Svc-v1-onPing')
  await expect(onPing(eventBridgeEvent)).resolves.toBeUndefined()
}, 30_000)
