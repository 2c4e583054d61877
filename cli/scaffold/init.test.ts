import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { analyze } from '../../compiler/analyze/analyze.ts'
import { loadConfig } from '../../compiler/config/load-config.ts'
import { removeProject, scratchProject } from '../../e2e/helpers.ts'
import { getCommandContextMock } from '../../runtime/testing/context-mock.ts'
import { init, type InitOptions } from './init.ts'

const folders: string[] = []
const emptyFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'purista-init-'))
  folders.push(dir)
  return dir
}
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const options = (dir: string, more: Partial<InitOptions> = {}): InitOptions => ({ dir, install: false, force: false, puristaVersion: '1.2.3', ...more })
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'))
const SERVICE = 'src/service/greeting/v1'

describe('purista init', () => {
  test('writes a project: package.json with scripts and dependencies, configs and one service', async () => {
    const dir = join(emptyFolder(), 'My App')
    const result = await init(options(dir))

    expect(result.written).toEqual([
      'package.json',
      'tsconfig.json',
      'purista.config.ts',
      '.gitignore',
      `${SERVICE}/greetingServiceBuilder.ts`,
      `${SERVICE}/greetingV1Service.ts`,
      `${SERVICE}/command/greet/greet.ts`,
      `${SERVICE}/command/greet/greet.test.ts`,
      `${SERVICE}/subscription/logGreeting/logGreeting.ts`,
      `${SERVICE}/subscription/logGreeting/logGreeting.test.ts`,
    ])
    expect(result.installed).toBe(false)
    expect(readJson(join(dir, 'package.json'))).toEqual({
      name: 'my-app',
      version: '0.1.0',
      private: true,
      type: 'module',
      scripts: { build: 'purista build', start: 'purista build --target monolith && node dist/monolith/index.mjs', dev: 'purista dev', test: 'vitest run', typecheck: 'tsc --noEmit' },
      dependencies: { purista: '^1.2.3', zod: '^4.0.0' },
      devDependencies: { '@types/node': '^20.19.0', typescript: '~5.9.0', vitest: '^3.2.0' },
    })
    expect(loadConfig(join(dir, 'purista.config.ts')).config).toMatchObject({ name: 'my-app', srcDir: join(dir, 'src') })
  })

  test('merges an existing package.json: their fields, scripts and versions stay, the missing ones are added', async () => {
    const dir = emptyFolder()
    // What `npm init -y && npm install ./purista.tgz zod` leaves.
    const theirs = {
      name: 'shop',
      version: '1.0.0',
      license: 'ISC',
      type: 'commonjs',
      scripts: { test: 'echo "Error: no test specified" && exit 1', build: 'make' },
      dependencies: { purista: 'file:../purista-0.1.0.tgz', zod: '^4.1.0' },
      devDependencies: { vitest: '^3.0.0' },
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify(theirs))

    const result = await init(options(dir, { name: 'ignored-for-an-existing-package' }))

    const merged = readJson(join(dir, 'package.json'))
    expect(merged).toMatchObject({ name: 'shop', version: '1.0.0', license: 'ISC', type: 'module', dependencies: theirs.dependencies })
    expect(merged.scripts).toEqual({ test: 'vitest run', build: 'make', start: 'purista build --target monolith && node dist/monolith/index.mjs', dev: 'purista dev', typecheck: 'tsc --noEmit' })
    expect(merged.devDependencies).toEqual({ vitest: '^3.0.0', '@types/node': '^20.19.0', typescript: '~5.9.0' })
    expect(result.packageJsonChanges).toEqual([
      'type: "commonjs" → "module" (the sources are ES modules)',
      'script build kept as it was (purista\'s would be: purista build)',
      'script start: purista build --target monolith && node dist/monolith/index.mjs',
      'script dev: purista dev',
      'script test: vitest run',
      'script typecheck: tsc --noEmit',
      'devDependencies: @types/node@^20.19.0, typescript@~5.9.0',
    ])
    expect(readFileSync(join(dir, 'purista.config.ts'), 'utf8')).toContain("name: 'shop'")
  })

  test('refuses to overwrite, naming the files and writing nothing; --force overwrites', async () => {
    const dir = emptyFolder()
    await init(options(dir))
    writeFileSync(join(dir, 'tsconfig.json'), '{ "mine": true }')
    const packageJson = readFileSync(join(dir, 'package.json'), 'utf8')

    await expect(init(options(dir))).rejects.toThrow(/^tsconfig\.json, purista\.config\.ts, .*logGreeting\.test\.ts exist already, so nothing was written; run again with --force to overwrite$/)
    expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).toBe('{ "mine": true }')
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(packageJson)

    await init(options(dir, { force: true }))
    expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).toContain('"module": "NodeNext"')
  })

  test('names the first service as asked, and refuses a name that is not camelCase', async () => {
    const dir = emptyFolder()
    await expect(init(options(dir, { service: 'user-profile' }))).rejects.toThrow('service name "user-profile" is not camelCase (letters and digits, starting lowercase): try "userProfile"')
    const result = await init(options(dir, { service: 'billing' }))
    expect(result.written).toContain('src/service/billing/v1/billingV1Service.ts')
    expect(readFileSync(join(dir, 'src/service/billing/v1/billingServiceBuilder.ts'), 'utf8')).toContain("export const billingV1ServiceBuilder = new ServiceBuilder({\n  serviceName: 'Billing',")
  })
})

describe('the project init writes', () => {
  // Inside the repository, so that its imports of zod and purista resolve as they would in the user's project.
  const dir = scratchProject({})
  afterAll(() => removeProject(dir))

  test('is a purista app: the analyzer finds the service, the route, the event and its subscription, and warns of nothing', async () => {
    await init(options(dir))
    const { config, diagnostics } = loadConfig(join(dir, 'purista.config.ts'))
    const result = analyze(config!)

    expect([...diagnostics, ...result.diagnostics]).toEqual([])
    expect(result.model.services).toMatchObject([
      {
        serviceName: 'Greeting',
        serviceVersion: '1',
        commands: [{ name: 'greet', http: { method: 'POST', path: '/api/v1/greetings' }, successEvent: 'greeted' }],
        subscriptions: [{ name: 'logGreeting', event: 'greeted' }],
      },
    ])
  })

  test('its command runs as its own unit test expects', async () => {
    const { greet } = await import(join(dir, `${SERVICE}/command/greet/greet.ts`))
    const payload = { name: 'Ada' }
    const context = getCommandContextMock({ payload, parameter: {} })
    context.stubs.getState.resolves({ greetingCount: 41 })

    expect(await greet.getCommandFunction()(context.mock, payload, {})).toEqual({ greeting: 'Hello, Ada!', count: 42 })
    expect(context.stubs.setState.args).toEqual([['greetingCount', 42]])
  })
})
