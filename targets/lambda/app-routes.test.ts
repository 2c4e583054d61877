import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { build } from '../../cli/build.ts'
import { REPO, removeProject, scratchProject } from '../../e2e/helpers.ts'
import { APP_ROUTES_FUNCTION } from './wiring.ts'

/** The lambda build of user-email: the app routes' function beside one per command and subscription. */
let outDir: string
let functionsDir: string
beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'purista-app-routes-'))
  const report = await build({ configPath: join(REPO, 'purista.config.ts'), target: 'lambda', outDir })
  expect(report.diagnostics).toEqual([])
  functionsDir = join(outDir, 'lambda/functions')
}, 60_000)
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

const request = (rawPath: string) => ({ version: '2.0', rawPath, headers: { 'x-trace-id': 'trace-app-routes' }, requestContext: { http: { method: 'GET' } } })

test("the app routes' function answers /api/openapi.json with the document the build wrote beside it, and /healthz", async () => {
  const { handler } = await import(pathToFileURL(join(functionsDir, APP_ROUTES_FUNCTION, 'index.mjs')).href)
  const document = await handler(request('/api/openapi.json'))
  expect(document).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json', 'x-trace-id': 'trace-app-routes' } })
  expect(JSON.parse(document.body)).toEqual(JSON.parse(readFileSync(join(functionsDir, APP_ROUTES_FUNCTION, 'openapi.json'), 'utf8')))
  expect(JSON.parse(document.body)).toMatchObject({ openapi: '3.1.0', info: { title: 'user-email' }, paths: { '/api/v1/users': { post: expect.any(Object) } } })
  expect(await handler(request('/healthz'))).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' })
})

test('no other function carries the document, and the app routes carry no command', () => {
  const others = readdirSync(functionsDir).filter((name) => name !== APP_ROUTES_FUNCTION)
  expect(others.length).toBeGreaterThan(0)
  for (const name of others) expect(existsSync(join(functionsDir, name, 'openapi.json')), name).toBe(false)
  const appRoutes = readdirSync(join(functionsDir, APP_ROUTES_FUNCTION, 'chunks')).filter((file) => file.endsWith('.mjs'))
  const code = appRoutes.map((file) => readFileSync(join(functionsDir, APP_ROUTES_FUNCTION, 'chunks', file), 'utf8')).join('\n')
  // zod and the builders are what every command's function loads; this one loads neither.
  expect(code).not.toMatch(/registerNewUser|getCommandBuilder|ZodError/)
})

test('a module that throws when it is loaded fails the build, naming the error: its function would fail the same way', async () => {
  const dir = scratchProject({
    'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'broken', src: 'src' })\n`,
    'src/service.ts': [
      `import { ServiceBuilder } from 'purista'`,
      `const b = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: '' })`,
      `if (!process.env.NEVER_SET) throw new Error('the service module cannot load')`,
      `export const ping = b.getCommandBuilder('ping', '').exposeAsHttpEndpoint('GET', 'ping').setCommandFunction(async () => 'pong')`,
      `export const svc = b.addCommandDefinition(ping.getDefinition())`,
    ].join('\n'),
  })
  try {
    const report = await build({ configPath: join(dir, 'purista.config.ts'), target: 'lambda', outDir: join(dir, 'dist') })
    expect(report.ok).toBe(false)
    // At the throw in the user's file, not in the bundle the build loaded it from.
    expect(report.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'bundle-error', file: 'src/service.ts', line: 3, column: 35, message: expect.stringMatching(/OpenAPI document could not be generated[\s\S]*the service module cannot load/) })])
    expect(existsSync(join(dir, 'dist/lambda'))).toBe(false)
  } finally {
    removeProject(dir)
  }
}, 60_000)
