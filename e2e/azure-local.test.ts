import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLI, REPO, removeProject, runCli, scratchProject, startNode, type RunningProcess } from './helpers.ts'
import { httpCorpus } from './http-corpus.ts'
import { shopScenarios, userEmailScenarios, type AppUnderTest } from './scenarios.ts'

/**
 * `purista start --target azure` on a fixture, built outside the repository: read from the
 * generated infra/main.json, every Function App runs in its own process behind one local port,
 * events go through a local Service Bus (the functions' real @azure/service-bus client speaks AMQP
 * to it) to the subscriptions whose SQL filters match, and state through Azurite's Table storage.
 */
function localAzureOf(configPath: string) {
  const running = {} as { app: RunningProcess; base: string }
  let outDir: string | undefined
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'purista-azure-local-'))
    running.app = await startNode([CLI, 'start', '--target', 'azure', '--config', configPath, '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
    running.base = `http://127.0.0.1:${running.app.port}`
  }, 120_000)
  afterAll(async () => {
    await running.app?.stop()
    if (outDir) rmSync(outDir, { recursive: true, force: true })
  })
  return { running, underTest: (): AppUnderTest => ({ base: running.base, waitForLog: (predicate, timeoutMs = 10_000) => running.app.waitForLog(predicate, timeoutMs) }) }
}

describe('azure, run locally: user-email', () => {
  const { running, underTest } = localAzureOf(join(REPO, 'purista.config.ts'))
  userEmailScenarios(underTest)
  httpCorpus(underTest, 'azure')

  test('the one Function App loads every function; only registered routes answer, as the host answers', async () => {
    const started = running.app.logs.filter((l) => l.msg === 'function started')
    expect(started.map((l) => `${l.service}.${l.target}`).sort()).toEqual(['Email.listSentMails', 'Email.sendWelcomeMail', 'User.getUser', 'User.registerNewUser'])
    const res = await fetch(`${running.base}/nothing-here`)
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('')
  })

})

describe('azure, run locally: shop (5 services in one Function App)', () => {
  const { underTest } = localAzureOf(join(REPO, 'fixtures/shop/purista.config.ts'))
  shopScenarios(underTest)
})

describe('azure, run locally: shop split into two Function Apps (targets.azure.apps)', () => {
  // The fixture's config with the split, beside it so its imports resolve the same; written when the
  // suite starts (not when the file is collected) under a name no other run uses.
  const config = join(REPO, `fixtures/shop/purista.azure-local-split-${process.pid}.config.ts`)
  beforeAll(() => writeFileSync(config, readFileSync(join(REPO, 'fixtures/shop/purista.config.ts'), 'utf8').replace('commandTimeoutMs: 5_000,', "commandTimeoutMs: 5_000,\n  targets: { azure: { apps: { orders: ['Order', 'Inventory'] } } },")))
  afterAll(() => rmSync(config, { force: true }))
  const { running, underTest } = localAzureOf(config)
  // Orders calls Customer in the other app over HTTP with that app's function key; Notification calls Order back.
  shopScenarios(underTest)

  test("an invoke route wants its app's function key", async () => {
    const res = await fetch(`${running.base}/purista/invoke/Inventory/v1/reserveStock`, { method: 'POST', headers: { 'x-functions-key': 'wrong' }, body: '{}' })
    expect(res.status).toBe(401)
  })
})

describe('purista start --target azure, bad input and stopping', () => {
  test('an event over the topic’s message size fails its command, and the log says why', async () => {
    const dir = scratchProject({
      'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'big', src: 'src' })\n`,
      'src/builder.ts': `import { ServiceBuilder } from 'purista'\nexport const b = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: '' })\n`,
      'src/report.ts': [
        `import { z } from 'zod'`,
        `import { b } from './builder.js'`,
        `export const report = b.getCommandBuilder('report', '').addPayloadSchema(z.object({ kb: z.number() })).addOutputSchema(z.object({ text: z.string() }))`,
        `  .exposeAsHttpEndpoint('POST', 'reports').setSuccessEventName('reportWritten')`,
        `  .setCommandFunction(async (_context, payload) => ({ text: 'x'.repeat(payload.kb * 1024) }))`,
        `export const archive = b.getSubscriptionBuilder('archive', '').subscribeToEvent('reportWritten').setSubscriptionFunction(async () => {})`,
      ].join('\n'),
      'src/service.ts': `import { b } from './builder.js'\nimport { archive, report } from './report.js'\nexport const svc = b.addCommandDefinition(report.getDefinition()).addSubscriptionDefinition(archive.getDefinition())\n`,
    })
    const outDir = mkdtempSync(join(tmpdir(), 'purista-azure-big-'))
    let app: RunningProcess | undefined
    try {
      app = await startNode([CLI, 'start', '--target', 'azure', '--config', join(dir, 'purista.config.ts'), '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
      const post = (kb: number) => fetch(`http://127.0.0.1:${app!.port}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kb }) })
      expect((await post(1)).status).toBe(200)
      const tooBig = await post(300)
      expect(tooBig.status).toBe(500)
      expect(await tooBig.json()).toMatchObject({ status: 500, title: 'Internal Server Error' })
      const logged = await app.waitForLog((l) => JSON.stringify(l).includes('Service Bus takes at most'))
      expect(JSON.stringify(logged)).toMatch(/event \\"reportWritten\\" is \d+ bytes; Service Bus takes at most 262144 bytes per message/)
    } finally {
      await app?.stop()
      rmSync(outDir, { recursive: true, force: true })
      removeProject(dir)
    }
  }, 90_000)

  test("stores.secret 'azure-key-vault': a function reads its secret from the local Key Vault, filled from the environment; a missing one is a 500 whose log names it", async () => {
    const dir = scratchProject({
      'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'vaulted', src: 'src', stores: { secret: 'azure-key-vault' } })\n`,
      'src/service.ts': [
        `import { ServiceBuilder } from 'purista'`,
        `const b = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: '' })`,
        `export const sign = b.getCommandBuilder('sign', '').exposeAsHttpEndpoint('GET', 'sign')`,
        `  .setCommandFunction(async function (context) { return context.secrets.getSecret('signingKey') })`,
        `export const leak = b.getCommandBuilder('leak', '').exposeAsHttpEndpoint('GET', 'leak')`,
        `  .setCommandFunction(async function (context) { return context.secrets.getSecret('apiKey') })`,
        `export const svc = b.addCommandDefinition(sign.getDefinition(), leak.getDefinition())`,
      ].join('\n'),
    })
    const outDir = mkdtempSync(join(tmpdir(), 'purista-azure-vault-'))
    let app: RunningProcess | undefined
    try {
      app = await startNode([CLI, 'start', '--target', 'azure', '--config', join(dir, 'purista.config.ts'), '--out-dir', outDir], { SIGNING_KEY: 'from-the-environment' }, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
      const signed = await fetch(`http://127.0.0.1:${app.port}/api/v1/sign`)
      expect(signed.status).toBe(200)
      expect(await signed.json()).toEqual({ signingKey: 'from-the-environment' })
      const missing = await fetch(`http://127.0.0.1:${app.port}/api/v1/leak`)
      expect(missing.status).toBe(500)
      const logged = await app.waitForLog((l) => JSON.stringify(l).includes('secret \\"apiKey\\" is missing'))
      expect(JSON.stringify(logged)).toMatch(/create it in Key Vault http:\/\/127\.0\.0\.1:\d+\//)
    } finally {
      await app?.stop()
      rmSync(outDir, { recursive: true, force: true })
      removeProject(dir)
    }
  }, 90_000)

  test('a Function App whose template lacks its Service Bus connection setting stops the start, naming the setting', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'purista-azure-setting-'))
    try {
      expect((await runCli(['build', '--target', 'azure', '--out-dir', outDir])).code).toBe(0)
      // As if the ejected template had been edited: the app loses its identity-based connection.
      const file = join(outDir, 'azure', 'infra', 'main.json')
      const template = JSON.parse(readFileSync(file, 'utf8'))
      for (const resource of Object.values<any>(template.resources)) {
        if (resource.type !== 'Microsoft.Web/sites') continue
        resource.properties.siteConfig.appSettings = resource.properties.siteConfig.appSettings.filter((s: { name: string }) => s.name !== 'PURISTA_SERVICEBUS__fullyQualifiedNamespace')
      }
      writeFileSync(file, JSON.stringify(template))
      const result = await runCli(['start', '--target', 'azure', '--no-build', '--out-dir', outDir, '--port', '0'])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/Function App user-email failed to start: connection setting PURISTA_SERVICEBUS is not set/)
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  }, 60_000)

  test('SIGTERM stops every Function App process and exits 0', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'purista-azure-stop-'))
    try {
      const app = await startNode([CLI, 'start', '--target', 'azure', '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
      expect(await app.stop('SIGTERM')).toBe(0)
      // Each Function App process runs from its folder under outDir.
      expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(outDir)
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  }, 60_000)
})
