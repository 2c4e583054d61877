import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO, runCli, startBundle, type RunningProcess } from './helpers.ts'
import { httpCorpus } from './http-corpus.ts'
import { shopScenarios, userEmailScenarios, type AppUnderTest } from './scenarios.ts'

/**
 * Builds a fixture into a temporary folder outside the repository (no node_modules anywhere above it:
 * the bundle must be self-contained) and runs it with plain node for the tests of the enclosing describe.
 */
function monolithOf(configPath: string) {
  const running = {} as { app: RunningProcess; base: string }
  let isolated: string | undefined
  beforeAll(async () => {
    isolated = mkdtempSync(join(tmpdir(), 'purista-monolith-'))
    const build = await runCli(['build', '--target', 'monolith', '--config', configPath, '--out-dir', isolated])
    expect(build.stderr).toContain('built monolith')
    expect(build.code).toBe(0)
    running.app = await startBundle(join(isolated, 'monolith', 'index.mjs'))
    running.base = `http://127.0.0.1:${running.app.port}`
  })
  afterAll(async () => {
    await running.app?.stop()
    if (isolated) rmSync(isolated, { recursive: true, force: true })
  })
  return { running, underTest: (): AppUnderTest => ({ base: running.base, waitForLog: running.app.waitForLog }) }
}

describe('monolith: user-email (the product description app)', () => {
  const { running, underTest } = monolithOf(join(REPO, 'purista.config.ts'))
  userEmailScenarios(underTest)
  httpCorpus(underTest, 'monolith')

  test('every log line is JSON and carries its scope', () => {
    const lines = running.app.logs.filter((l) => l.msg === 'service started')
    expect(lines.map((l) => l.service).sort()).toEqual(['Email', 'User'])
    expect(running.app.logs.every((l) => typeof l.level === 'string' && typeof l.time === 'string' && l.app === 'user-email')).toBe(true)
  })
})

describe('monolith: shop (5 services)', () => {
  const { underTest } = monolithOf(join(REPO, 'fixtures/shop/purista.config.ts'))
  shopScenarios(underTest)
})

describe('monolith process lifecycle', () => {
  let bundle: string
  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'purista-lifecycle-'))
    expect((await runCli(['build', '--config', join(REPO, 'purista.config.ts'), '--out-dir', outDir])).code).toBe(0)
    bundle = join(outDir, 'monolith', 'index.mjs')
  })

  test('SIGTERM drains and exits 0 within a second', async () => {
    const app = await startBundle(bundle)
    const started = Date.now()
    expect(await app.stop('SIGTERM')).toBe(0)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(app.logs.some((l) => l.msg === 'SIGTERM received, draining')).toBe(true)
  })

  test('a SIGTERM that arrives while the process is still starting drains it too', async () => {
    const child = spawn(process.execPath, [bundle], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        output += chunk
        // The first service is up, the HTTP server is not yet: the middle of startup.
        if (output.includes('"service started"') && !child.killed) (child.kill('SIGTERM'), resolve())
      }),
    )
    expect(await exited).toBe(0)
    expect(output).toContain('SIGTERM received, draining')
  })

  test('an invalid PORT stops the process with a clear message', async () => {
    await expect(startBundle(bundle, { PORT: 'eighty' })).rejects.toThrow('PORT must be a number between 0 and 65535, got \\"eighty\\"')
  })
})
