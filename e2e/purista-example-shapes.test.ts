import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLI, removeProject, runCli, scratchProject, startBundle, startNode, type RunningProcess } from './helpers.ts'

/**
 * An app written the way PURISTA's own examples are (hono-example, quickstart): schema.ts with
 * extendApi, a GET command with a z.undefined() payload, an optional path parameter,
 * disableHttpSecurity, PURISTA's type names, the import from @purista/core. Written for this
 * test, not copied. These were the first walls all of those examples hit.
 */
const files = {
  'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'delay', src: 'src' })\n`,
  'src/service/delay/delayServiceInfo.ts': `import type { ServiceInfoType } from '@purista/core'
export const delayServiceInfo = { serviceName: 'Delay', serviceVersion: '1', serviceDescription: 'waits' } as const satisfies ServiceInfoType
`,
  'src/service/delay/v1/delayV1ServiceBuilder.ts': `import { ServiceBuilder } from '@purista/core'
import { delayServiceInfo } from '../delayServiceInfo.js'
export const delayV1ServiceBuilder = new ServiceBuilder(delayServiceInfo)
`,
  'src/service/delay/v1/command/fooBar/schema.ts': `import { extendApi } from '@purista/core'
import { z } from 'zod'
export const fooBarInputPayloadSchema = extendApi(z.undefined(), { title: 'no payload' })
export const fooBarInputParameterSchema = extendApi(z.object({ p: extendApi(z.string(), { description: 'the first', example: 'one' }), q: z.string().optional() }), { title: 'parameters' })
export const fooBarOutputPayloadSchema = extendApi(z.object({ foo: z.string(), parameter: z.record(z.string(), z.string()) }), { title: 'answer' })
`,
  'src/service/delay/v1/command/fooBar/fooBarCommandBuilder.ts': `import { delayV1ServiceBuilder } from '../../delayV1ServiceBuilder.js'
import { fooBarInputParameterSchema, fooBarInputPayloadSchema, fooBarOutputPayloadSchema } from './schema.js'
export const fooBarCommandBuilder = delayV1ServiceBuilder
  .getCommandBuilder('fooBar', 'an exposed command')
  .addPayloadSchema(fooBarInputPayloadSchema)
  .addParameterSchema(fooBarInputParameterSchema)
  .addOutputSchema(fooBarOutputPayloadSchema)
  .disableHttpSecurity()
  .exposeAsHttpEndpoint('GET', 'foo-bar/:p/:q?')
  .setOpenApiSummary('foo and bar')
  .setCommandFunction(async function (_context, _payload, parameter) {
    return { foo: 'bar', parameter: { ...parameter } }
  })
`,
  'src/service/delay/v1/delayV1Service.ts': `import type { CommandDefinitionList } from '@purista/core'
import { fooBarCommandBuilder } from './command/fooBar/fooBarCommandBuilder.js'
import { delayV1ServiceBuilder } from './delayV1ServiceBuilder.js'
const commands: CommandDefinitionList<unknown> = [fooBarCommandBuilder.getDefinition()]
export const delayV1Service = delayV1ServiceBuilder.addCommandDefinition(...commands)
`,
}

const starts = {
  monolith: async (dir: string) => {
    const build = await runCli(['build', '--target', 'monolith', '--config', join(dir, 'purista.config.ts')])
    expect(build.stderr).not.toContain('error')
    expect(build.code).toBe(0)
    return startBundle(join(dir, 'dist/monolith/index.mjs'))
  },
  // HttpApi has no optional parameters: the route is two routes to the one function here.
  'lambda, run locally': (dir: string) => startNode([CLI, 'start', '--target', 'lambda', '--config', join(dir, 'purista.config.ts')], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/),
}

describe.each(Object.entries(starts))('%s', (target, start) => {
  let dir: string
  let app: RunningProcess
  let base: string
  beforeAll(async () => {
    dir = scratchProject(files)
    app = await start(dir)
    base = `http://127.0.0.1:${app.port}`
  }, 120_000)
  afterAll(async () => {
    await app?.stop()
    removeProject(dir)
  })

  test('the optional path parameter is served with and without its segment', async () => {
    expect(await (await fetch(`${base}/api/v1/foo-bar/one`)).json()).toEqual({ foo: 'bar', parameter: { p: 'one' } })
    expect(await (await fetch(`${base}/api/v1/foo-bar/one/two`)).json()).toEqual({ foo: 'bar', parameter: { p: 'one', q: 'two' } })
  })

  test('/api/openapi.json answers 200 with both paths, no request body for the GET, and the extendApi metadata', async () => {
    const res = await fetch(`${base}/api/openapi.json`)
    expect(res.status).toBe(200)
    const doc = await res.json()
    expect(Object.keys(doc.paths)).toEqual(['/api/v1/foo-bar/{p}', '/api/v1/foo-bar/{p}/{q}'])
    const get = doc.paths['/api/v1/foo-bar/{p}/{q}'].get
    expect(get).toMatchObject({ summary: 'foo and bar', description: 'an exposed command' })
    expect(get.requestBody).toBeUndefined()
    expect(get.parameters[0]).toEqual({ name: 'p', in: 'path', required: true, schema: { type: 'string', description: 'the first', example: 'one' } })
    expect(get.responses['200'].content['application/json'].schema.title).toBe('answer')
  })
})
