import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO, runCli, startBundle, type RunningProcess } from './helpers.ts'
import { httpCorpus } from './http-corpus.ts'
import { shopScenarios, userEmailScenarios, type AppUnderTest } from './scenarios.ts'

/**
 * Builds a fixture for the containers target on one broker and runs every container bundle and
 * the gateway as separate processes (the Docker-level test runs the same bundles in images).
 */
function containersOf(fixture: string, broker: 'nats' | 'amqp' | 'mqtt') {
  const processes: RunningProcess[] = []
  let gateway: RunningProcess | undefined
  let isolated: string | undefined
  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), `purista-containers-${broker}-`))
    const build = await runCli(['build', '--target', 'containers', '--broker', broker, '--config', join(REPO, fixture, 'purista.config.ts'), '--out-dir', outDir])
    expect(build.stderr).toContain('built containers')
    expect(build.code).toBe(0)
    // The bundles run from a folder without node_modules: they carry their dependencies.
    isolated = join(outDir, 'containers')
    const containers = readdirSync(isolated).filter((name) => name !== 'gateway' && existsSync(join(isolated!, name, 'index.mjs')))
    expect(containers.length).toBeGreaterThan(1)
    for (const name of containers) processes.push(await startBundle(join(isolated, name, 'index.mjs')))
    gateway = await startBundle(join(isolated, 'gateway', 'index.mjs'))
    processes.push(gateway)
  })
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()))
    if (isolated) rmSync(join(isolated, '..'), { recursive: true, force: true })
  })
  return (): AppUnderTest => ({
    base: `http://127.0.0.1:${gateway!.port}`,
    waitForLog: (predicate, timeoutMs) => Promise.any(processes.map((p) => p.waitForLog(predicate, timeoutMs))),
  })
}

describe.each(['nats', 'amqp', 'mqtt'] as const)('containers over %s', (broker) => {
  describe('user-email', () => userEmailScenarios(containersOf('fixtures/user-email', broker)))
  describe('shop', () => shopScenarios(containersOf('fixtures/shop', broker)))
})

// The corpus on one broker: the gateway answers what it can before a service runs; the broker does not change that.
describe('containers over nats: user-email', () => httpCorpus(containersOf('fixtures/user-email', 'nats'), 'containers'))

describe('a container whose broker is down', () => {
  test('exits with code 1 and says which broker it could not reach', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'purista-no-broker-'))
    try {
      expect((await runCli(['build', '--target', 'containers', '--broker', 'nats', '--config', join(REPO, 'purista.config.ts'), '--out-dir', outDir])).code).toBe(0)
      await expect(startBundle(join(outDir, 'containers', 'user-v1', 'index.mjs'), { NATS_URL: 'nats://127.0.0.1:1' })).rejects.toThrow(/exited with 1 before listening[\s\S]*cannot reach NATS at nats:\/\/127\.0\.0\.1:1/)
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  })
})
