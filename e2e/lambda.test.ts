import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLI, REPO, removeProject, runCli, scratchProject, startNode, type RunningProcess } from './helpers.ts'
import { httpCorpus } from './http-corpus.ts'
import { shopScenarios, userEmailScenarios, type AppUnderTest } from './scenarios.ts'

/**
 * `purista start --target lambda` on a fixture, built outside the repository: the CDK app is
 * synthesized, every function runs in its own process behind the local HttpApi, events go through
 * the stack's EventBridge rules and state through a local DynamoDB.
 */
function localLambdaOf(configPath: string) {
  const running = {} as { app: RunningProcess; base: string }
  let outDir: string | undefined
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'purista-lambda-'))
    running.app = await startNode([CLI, 'start', '--target', 'lambda', '--config', configPath, '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
    running.base = `http://127.0.0.1:${running.app.port}`
  }, 120_000)
  afterAll(async () => {
    await running.app?.stop()
    if (outDir) rmSync(outDir, { recursive: true, force: true })
  })
  return { running, underTest: (): AppUnderTest => ({ base: running.base, waitForLog: (predicate, timeoutMs = 10_000) => running.app.waitForLog(predicate, timeoutMs) }) }
}

describe('lambda, run locally: user-email', () => {
  const { running, underTest } = localLambdaOf(join(REPO, 'purista.config.ts'))
  userEmailScenarios(underTest)
  httpCorpus(underTest, 'lambda')

  test('each function is a process of its own, and only routed paths answer', async () => {
    // One process per function, each running exactly its own command or subscription.
    const started = running.app.logs.filter((l) => l.msg === 'function started')
    expect(started.map((l) => `${l.service}.${l.target}`).sort()).toEqual(['Email.listSentMails', 'Email.sendWelcomeMail', 'User.getUser', 'User.registerNewUser'])
    const res = await fetch(`${running.base}/nothing-here`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ message: 'Not Found' })
  })
})

describe('lambda, run locally: shop (5 services, 17 functions)', () => {
  const { underTest } = localLambdaOf(join(REPO, 'fixtures/shop/purista.config.ts'))
  shopScenarios(underTest)
})

describe('purista start --target lambda, failures', () => {
  test('a function whose code throws while loading stops the start with its name and the error, exit 1', async () => {
    const dir = scratchProject({
      'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'crashy', src: 'src' })\n`,
      'src/builder.ts': `import { ServiceBuilder } from 'purista'\nexport const b = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: '' })\n`,
      // It throws only inside a function, so the build (which loads the modules once for the OpenAPI document) passes.
      'src/ping.ts': `import { b } from './builder.js'\nif (process.env.AWS_LAMBDA_FUNCTION_NAME) throw new Error('ping cannot load')\nexport const ping = b.getCommandBuilder('ping', '').exposeAsHttpEndpoint('GET', 'ping').setCommandFunction(async () => 'pong')\n`,
      'src/service.ts': `import { b } from './builder.js'\nimport { ping } from './ping.js'\nexport const svc = b.addCommandDefinition(ping.getDefinition())\n`,
    })
    try {
      const result = await runCli(['start', '--config', join(dir, 'purista.config.ts'), '--port', '0'])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/Svcv1ping\w* failed to start: ping cannot load/)
    } finally {
      removeProject(dir)
    }
  }, 60_000)

  test("a command past commandTimeoutMs, or past the function's timeout, is purista's 504 problem, logged with its trace id", async () => {
    const dir = scratchProject({
      // The app's commandTimeoutMs is 1.5 s; wait's function times out after 1 s, before it.
      'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'slow', src: 'src', commandTimeoutMs: 1_500, targets: { lambda: { functions: { 'Svc-v1-wait': { timeoutSeconds: 1 } } } } })\n`,
      'src/builder.ts': `import { ServiceBuilder } from 'purista'\nexport const b = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: '' })\n`,
      'src/slow.ts': [
        `import { b } from './builder.js'`,
        `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))`,
        `export const slow = b.getCommandBuilder('slow', '').exposeAsHttpEndpoint('GET', 'slow').setCommandFunction(async () => (await sleep(5_000), 'late'))`,
        `export const wait = b.getCommandBuilder('wait', '').exposeAsHttpEndpoint('GET', 'wait').setCommandFunction(async () => (await sleep(5_000), 'late'))`,
      ].join('\n'),
      'src/service.ts': `import { b } from './builder.js'\nimport { slow, wait } from './slow.js'\nexport const svc = b.addCommandDefinition(slow.getDefinition(), wait.getDefinition())\n`,
    })
    const outDir = mkdtempSync(join(tmpdir(), 'purista-lambda-timeout-'))
    let app: RunningProcess | undefined
    try {
      app = await startNode([CLI, 'start', '--target', 'lambda', '--config', join(dir, 'purista.config.ts'), '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
      const started = Date.now()
      const slow = await fetch(`http://127.0.0.1:${app.port}/api/v1/slow`, { headers: { 'x-trace-id': 'slow-command' } })
      expect(slow.status).toBe(504)
      expect(slow.headers.get('content-type')).toBe('application/problem+json')
      expect(await slow.json()).toMatchObject({ status: 504, title: 'Gateway Timeout', detail: 'Svc v1 slow did not answer within 1500 ms', traceId: 'slow-command' })
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(await app.waitForLog((l) => l.msg === 'command timed out' && l.traceId === 'slow-command')).toMatchObject({ level: 'warn', timeoutMs: 1_500 })
      // Less than commandTimeoutMs is left of the invocation: purista answers before Lambda would end it.
      const wait = await fetch(`http://127.0.0.1:${app.port}/api/v1/wait`, { headers: { 'x-trace-id': 'short-function' } })
      expect(wait.status).toBe(504)
      expect(await wait.json()).toMatchObject({ status: 504, traceId: 'short-function' })
      expect((await app.waitForLog((l) => l.msg === 'command timed out' && l.traceId === 'short-function')).timeoutMs).toBeLessThan(1_000)
    } finally {
      await app?.stop()
      rmSync(outDir, { recursive: true, force: true })
      removeProject(dir)
    }
  }, 90_000)

  test('a SIGTERM while it is still starting waits for the start, then stops every function process and exits 0', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'purista-lambda-early-stop-'))
    try {
      const child = spawn(process.execPath, [CLI, 'start', '--config', join(REPO, 'purista.config.ts'), '--out-dir', outDir, '--port', '0'], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (chunk) => {
        stderr += chunk
        if (stderr.includes('synthesizing')) child.kill('SIGTERM')
      })
      const [code] = await once(child, 'exit')
      expect(code).toBe(0)
      expect(stderr).not.toMatch(/listening on/)
      // No function process outlives it: each one runs from a folder under outDir.
      expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(outDir)
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  }, 60_000)

  test('SIGTERM stops every function process and exits 0', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'purista-lambda-stop-'))
    try {
      const app = await startNode([CLI, 'start', '--config', join(REPO, 'purista.config.ts'), '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
      expect(await app.stop('SIGTERM')).toBe(0)
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  }, 60_000)
})
