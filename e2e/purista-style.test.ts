import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { requireBroker } from '../runtime/bridges/broker-env.ts'
import { CLI, REPO, removeProject, runCli, scratchProject, startBundle, startNode, type RunningProcess } from './helpers.ts'

/**
 * fixtures/purista-style, an app written the way PURISTA's fullexample is: this.config validated by
 * setConfigSchema and set in purista.config.ts, pino-style log calls, a GET with a z.undefined()
 * payload, a subscription reading this.config too. Built and served on the monolith, as containers
 * over NATS and on lambda run locally; its own unit tests run with the rest of the suite.
 */
const FIXTURE = join(REPO, 'fixtures/purista-style')
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const withBrokers = (await requireBroker('NATS', process.env.NATS_URL ?? 'nats://127.0.0.1:4222')) && (await requireBroker('Redis', REDIS_URL))

/** The containers keep state in Redis under the app's name: a run starts from no tasks. */
async function forgetStoredTasks() {
  const redis = await createClient({ url: REDIS_URL }).connect()
  await redis.del('purista-style:Task:1:tasks')
  await redis.quit()
}

const starts = {
  monolith: async (outDir: string) => {
    const build = await runCli(['build', '--target', 'monolith', '--config', join(FIXTURE, 'purista.config.ts'), '--out-dir', outDir])
    expect(build.code, build.stderr).toBe(0)
    return startBundle(join(outDir, 'monolith/index.mjs'))
  },
  ...(withBrokers && {
    'containers over NATS': async (outDir: string) => {
      await forgetStoredTasks()
      const build = await runCli(['build', '--target', 'containers', '--broker', 'nats', '--config', join(FIXTURE, 'purista.config.ts'), '--out-dir', outDir])
      expect(build.code, build.stderr).toBe(0)
      const service = await startBundle(join(outDir, 'containers/task-v1/index.mjs'))
      const gateway = await startBundle(join(outDir, 'containers/gateway/index.mjs'))
      // One app under test: the gateway's port, the service's logs, both stopped together.
      return { ...gateway, logs: service.logs, waitForLog: service.waitForLog, stop: async () => (await gateway.stop(), service.stop()) }
    },
  }),
  'lambda, run locally': (outDir: string) => startNode([CLI, 'start', '--target', 'lambda', '--config', join(FIXTURE, 'purista.config.ts'), '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/),
}

describe.each(Object.entries(starts))('purista-style on %s', (target, start) => {
  let outDir: string
  let app: RunningProcess
  let base: string
  beforeAll(async () => {
    outDir = scratchProject({})
    app = await start(outDir)
    base = `http://127.0.0.1:${app.port}/api/v1`
  }, 120_000)
  afterAll(async () => {
    await app?.stop()
    removeProject(outDir)
  })
  const post = (title: string) => fetch(`${base}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) })

  test("this.config from purista.config.ts limits the open tasks; the subscription's this.config labels the audit", async () => {
    const first = await (await post('first')).json()
    expect((await post('second')).status).toBe(200)
    const refused = await post('third')
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({ detail: 'at most 2 open tasks' })
    expect((await (await fetch(`${base}/tasks`)).json()).map((t: { title: string }) => t.title)).toEqual(['first', 'second'])
    // The label is setDefaultConfig's: purista.config.ts sets only maxOpenTasks.
    await app.waitForLog((line) => line.msg === 'task audited' && line.taskId === first.taskId, 10_000)
    expect(await (await fetch(`${base}/tasks/${first.taskId}/audit`)).json()).toEqual({ label: 'task-audit', title: 'first', service: 'Task' })
  })

  test("pino-style logger.info({ taskId }, msg) puts taskId into the line, beside the trace id", () => {
    const created = app.logs.find((line) => line.msg === 'task created')
    expect(created).toMatchObject({ level: 'info', service: 'Task', target: 'createTask', taskId: expect.any(String), traceId: expect.any(String) })
  })

  // Lambda's HttpApi has no /api/openapi.json route yet (see the README).
  test.runIf(target !== 'lambda, run locally')('/api/openapi.json answers 200', async () => {
    expect((await fetch(`http://127.0.0.1:${app.port}/api/openapi.json`)).status).toBe(200)
  })
})

test('a config value the schema refuses stops the monolith at start, exit 1, naming the field', async () => {
  const files: Record<string, string> = {}
  const copy = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) copy(path)
      else if (!entry.name.endsWith('.test.ts')) files[relative(FIXTURE, path)] = readFileSync(path, 'utf8')
    }
  }
  copy(join(FIXTURE, 'src'))
  files['purista.config.ts'] = readFileSync(join(FIXTURE, 'purista.config.ts'), 'utf8').replace('maxOpenTasks: 2', "maxOpenTasks: 'two'")
  const dir = scratchProject(files)
  try {
    const build = await runCli(['build', '--target', 'monolith', '--config', join(dir, 'purista.config.ts')])
    expect(build.code, build.stderr).toBe(0)
    const app = await startBundle(join(dir, 'dist/monolith/index.mjs')).catch((error: Error) => error)
    expect(app).toBeInstanceOf(Error)
    expect(String(app)).toMatch(/exited with 1 before listening/)
    expect(String(app)).toMatch(/the config of service Task v1 is invalid: maxOpenTasks: Invalid input: expected number, received string/)
  } finally {
    removeProject(dir)
  }
}, 60_000)
