import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLI, REPO, runCli, startBundle, startNode, type RunningProcess } from './helpers.ts'

const CONFIG = join(REPO, 'fixtures/filters-resources/purista.config.ts')

/**
 * fixtures/filters-resources: two commands emit orderChanged; auditOrderChange takes every one,
 * confirmPlacedOrder only those placeOrder sent (filterSentFrom). getStock reads the stock resource,
 * which purista.config.ts says createStock makes, once per process.
 */
function scenario(app: () => { base: string; process: RunningProcess }) {
  const post = (path: string, body: unknown) => fetch(`${app().base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  test('a filtered subscription does not run for an event its filter excludes; the unfiltered one runs for both', async () => {
    expect((await post('/api/v1/orders', { orderId: 'o-placed' })).status).toBe(200)
    expect((await post('/api/v1/orders/o-cancelled/cancel', {})).status).toBe(200)
    const { process } = app()
    const audited = (orderId: string) => process.waitForLog((l) => l.msg === 'order change audited' && l.orderId === orderId, 15_000)
    await Promise.all([audited('o-placed'), audited('o-cancelled')])
    await process.waitForLog((l) => l.msg === 'placed order confirmed' && l.orderId === 'o-placed', 15_000)
    // The cancellation reached its unfiltered subscriber; give the filtered one time to have been wrong.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(process.logs.filter((l) => l.msg === 'placed order confirmed').map((l) => l.orderId)).toEqual(['o-placed'])
  })

  test('a command reaches the resource purista.config.ts provides, made once and not per call', async () => {
    for (let call = 0; call < 2; call++) {
      const res = await fetch(`${app().base}/api/v1/stock/apple`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ item: 'apple', count: 3, made: 1 })
    }
  })
}

describe('filters and resources on the monolith', () => {
  let outDir: string
  let running: RunningProcess
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'purista-filters-resources-'))
    const build = await runCli(['build', '--target', 'monolith', '--config', CONFIG, '--out-dir', outDir])
    expect(build.code, build.stderr).toBe(0)
    running = await startBundle(join(outDir, 'monolith', 'index.mjs'))
  }, 60_000)
  afterAll(async () => {
    await running?.stop()
    rmSync(outDir, { recursive: true, force: true })
  })
  scenario(() => ({ base: `http://127.0.0.1:${running.port}`, process: running }))
})

describe('filters and resources on lambda, run locally', () => {
  let outDir: string
  let running: RunningProcess
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'purista-filters-resources-lambda-'))
    running = await startNode([CLI, 'start', '--target', 'lambda', '--config', CONFIG, '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
  }, 120_000)
  afterAll(async () => {
    await running?.stop()
    rmSync(outDir, { recursive: true, force: true })
  })
  scenario(() => ({ base: `http://127.0.0.1:${running.port}`, process: running }))

  test("the filter is in the subscription's EventBridge rule, so the filtered function is not even invoked for the cancellation", () => {
    const wiring = JSON.parse(readFileSync(join(outDir, 'lambda', 'cdk', 'wiring.json'), 'utf8'))
    const rule = wiring.functions.find((f: { name: string }) => f.name === 'Orders-v1-confirmPlacedOrder').rule
    expect(rule.eventPattern).toEqual({ source: ['purista'], 'detail-type': ['orderChanged'], detail: { sender: { serviceVersion: ['1'], serviceName: ['Orders'], serviceTarget: ['placeOrder'] } } })
  })
})

describe('filters and resources on azure, run locally', () => {
  let outDir: string
  let running: RunningProcess
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'purista-filters-resources-azure-'))
    running = await startNode([CLI, 'start', '--target', 'azure', '--config', CONFIG, '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
  }, 120_000)
  afterAll(async () => {
    await running?.stop()
    rmSync(outDir, { recursive: true, force: true })
  })
  // One worker runs every function of the app, and they share the one resource it made.
  scenario(() => ({ base: `http://127.0.0.1:${running.port}`, process: running }))
})

test('a declared resource without a provider fails the build, naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'purista-missing-resource-'))
  try {
    mkdirSync(join(dir, 'src'))
    writeFileSync(join(dir, 'purista.config.ts'), `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'x' })\n`)
    writeFileSync(
      join(dir, 'src/service.ts'),
      `import { ServiceBuilder } from 'purista'\nexport const b = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: '' }).defineResource<'db', unknown>()\nconst ping = b.getCommandBuilder('ping', '').exposeAsHttpEndpoint('GET', 'ping').setCommandFunction(async () => 'pong')\nexport const svc = b.addCommandDefinition(ping.getDefinition())\n`,
    )
    const result = await runCli(['build', '--config', join(dir, 'purista.config.ts'), '--out-dir', join(dir, 'dist')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/src\/service\.ts:2:\d+ error missing-resource: Svc v1 declares the resource "db", and purista.config.ts names no provider for it/)
    expect(result.stderr).toContain("resources: { db: './src/resources/db.ts#createDb' }")
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
